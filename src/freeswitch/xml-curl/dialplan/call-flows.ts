// The tenant's call flows: for each enabled one, its number (running the destination its status
// selects, rendered from the database's status: a toggle re-renders it at once) and its toggle
// code (firing the CUSTOM event Switchyard flips the status on). The toggle's expression is the
// one the feature code catalogue lists (call-flows.module.ts toggleExpression), so what
// /feature_codes lists is what is dialled.
import { toggleExpression } from '../../../domain/call-flows/call-flows.module.ts';
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

export function renderCallFlow(cf: CallFlowRule, tenant: DialplanTenant, templates: TemplateStore): { number: string; toggle: string } {
  const context = tenant.domain;
  const apps = cf.status
    ? sideApps(cf.app, cf.destinationType, cf.destinationValue, context)
    : sideApps(cf.alternateApp, cf.alternateDestinationType, cf.alternateDestinationValue, context);
  return {
    number: templates.get('dialplan/call-flow.xml').render({ name: `call-flow-${cf.extension}`, expression: `^${escapeRegExp(cf.extension)}$`, apps }),
    toggle: templates.get('dialplan/call-flow-toggle.xml').render({
      name: `call-flow-toggle-${cf.extension}`,
      expression: toggleExpression(cf.featureCode),
      subclass: CALL_FLOW_SUBCLASS,
      uuid: cf.id,
    }),
  };
}

export function callFlowsProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'call-flows',
    order: 155,
    async load({ tenant }, templates) {
      const fragments = (await repo.callFlows(tenant.id)).flatMap((cf) => {
        const { number, toggle } = renderCallFlow(cf, tenant, templates);
        return [
          { xml: toggle, test: new RegExp(toggleExpression(cf.featureCode)) },
          { xml: number, test: new RegExp(`^${escapeRegExp(cf.extension)}$`) },
        ];
      });
      return { tags: [tags.callFlowsOf(tenant.id)], extensions: fragmentSet(fragments) };
    },
  };
}
