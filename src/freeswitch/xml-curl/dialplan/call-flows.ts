// The tenant's call flows: for each enabled one, its number (running the destination its status
// selects, rendered from the database's status: a toggle re-renders it at once) and its toggle
// code (firing the CUSTOM event Switchyard flips the status on, then playing the sound of the state
// it turned to). With a PIN the code asks for it and runs the PIN check (two entries on a number of
// its own, call-flow-pin~<uuid>), which toggles only when the digits match. The toggle's expression
// is the one the feature code catalogue lists (call-flows.module.ts toggleExpression), so what
// /feature_codes lists is what is dialled.
import { toggleExpression } from '../../../domain/call-flows/call-flows.module.ts';
import { SOUND } from '../../../domain/ivr-menus/ivr-menus.schema.ts';
import { CALL_FLOW_SUBCLASS } from '../../esl/normalise.ts';
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import type { CallFlowRule, DialplanRepository } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp, fragmentSet } from './extension-provider.ts';
import { destinationApps, type App } from './time-conditions.ts';

/** What the selected side runs: FusionPBX's hangup app, or its destination. */
function sideApps(app: string, type: string, value: string, context: string): App[] {
  if (app === 'hangup') return [{ application: 'hangup', data: 'NORMAL_CLEARING' }];
  return destinationApps(type, value, context);
}

/** FusionPBX's confirmation tone, played when the state toggled to has no sound. */
const TONE = 'tone_stream://%(200,0,500,600,700)';
const SOUND_RE = new RegExp(SOUND);

/** The number the toggle code's PIN check runs as (execute_extension): the call flow's own, never dialled. */
export const pinCheckNumber = (cf: Pick<CallFlowRule, 'id'>) => `call-flow-pin~${cf.id}`;

/** What the toggle plays: the sound of the state it turns to, when it is a valid sound (validated on write, checked again here). */
function toggledSound(cf: CallFlowRule): string {
  const sound = cf.status ? cf.alternateSound : cf.sound;
  return sound !== '' && SOUND_RE.test(sound) && !/[${}]/.test(sound) ? sound : TONE;
}

export interface RenderedCallFlow {
  number: string;
  /** The toggle code's entries, then the PIN check's (with a PIN). */
  toggle: string;
  pinCheck: string[];
}

export function renderCallFlow(cf: CallFlowRule, tenant: DialplanTenant, templates: TemplateStore): RenderedCallFlow {
  const context = tenant.domain;
  const apps = cf.status
    ? sideApps(cf.app, cf.destinationType, cf.destinationValue, context)
    : sideApps(cf.alternateApp, cf.alternateDestinationType, cf.alternateDestinationValue, context);
  const toggleTemplate = templates.get('dialplan/call-flow-toggle.xml');
  const common = { subclass: CALL_FLOW_SUBCLASS, uuid: cf.id, sound: toggledSound(cf), context };
  // Digits only (call-flows.schema.ts); anything else is not rendered as a PIN.
  const pin = /^[0-9]{1,16}$/.test(cf.pinNumber) ? cf.pinNumber : '';
  const check = pinCheckNumber(cf);
  return {
    number: templates.get('dialplan/call-flow.xml').render({ name: `call-flow-${cf.extension}`, expression: `^${escapeRegExp(cf.extension)}$`, apps }),
    toggle: toggleTemplate.render({
      ...common,
      name: `call-flow-toggle-${cf.extension}`,
      expression: toggleExpression(cf.featureCode),
      ...(pin ? { ask: { min: pin.length, max: pin.length + 1, check } } : { granted: true }),
    }),
    pinCheck: pin
      ? [
          toggleTemplate.render({ ...common, name: `call-flow-pin-${cf.extension}`, expression: `^${escapeRegExp(check)}$`, pin: `^${pin}$` }),
          toggleTemplate.render({ ...common, name: `call-flow-pin-${cf.extension}-failed`, expression: `^${escapeRegExp(check)}$`, refused: true }),
        ]
      : [],
  };
}

export function callFlowsProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'call-flows',
    order: 155,
    async load({ tenant }, templates) {
      const fragments = (await repo.callFlows(tenant.id)).flatMap((cf) => {
        const { number, toggle, pinCheck } = renderCallFlow(cf, tenant, templates);
        const checkTest = new RegExp(`^${escapeRegExp(pinCheckNumber(cf))}$`);
        return [
          { xml: toggle, test: new RegExp(toggleExpression(cf.featureCode)) },
          ...pinCheck.map((xml) => ({ xml, test: checkTest })),
          { xml: number, test: new RegExp(`^${escapeRegExp(cf.extension)}$`) },
        ];
      });
      return { tags: [tags.callFlowsOf(tenant.id)], extensions: fragmentSet(fragments) };
    },
  };
}
