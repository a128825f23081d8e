// The core feature codes (domain/feature-codes/catalogue.ts) in every tenant's context, each
// rendered from its catalogue entry: its name, its expression and what it does. A module's own
// codes are rendered by the module's dialplan piece.
import { CORE_FEATURE_CODES, type CoreAction, type CoreFeatureCode } from '../../../domain/feature-codes/catalogue.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp, fragmentSet } from './extension-provider.ts';

/** The template and data of each action. */
const RENDERERS: Record<CoreAction, (templates: TemplateStore, data: Record<string, unknown>) => string> = {
  voicemail_own: (t, d) => t.get('dialplan/voicemail-check.xml').render({ ...d, own: true }),
  voicemail_any: (t, d) => t.get('dialplan/voicemail-check.xml').render({ ...d, own: false }),
  voicemail_direct: (t, d) => t.get('dialplan/feature-voicemail-direct.xml').render(d),
  forward_on: (t, d) => t.get('dialplan/feature-state.xml').render({ ...d, forwardOn: true }),
  forward_off: (t, d) => t.get('dialplan/feature-state.xml').render({ ...d, forwardOff: true }),
  dnd_on: (t, d) => t.get('dialplan/feature-state.xml').render({ ...d, dndOn: true }),
  dnd_off: (t, d) => t.get('dialplan/feature-state.xml').render({ ...d, dndOff: true }),
  group_pickup: (t, d) => t.get('dialplan/feature-pickup.xml').render({ ...d, group: true }),
  directed_pickup: (t, d) => t.get('dialplan/feature-pickup.xml').render({ ...d, group: false }),
  echo: (t, d) => t.get('dialplan/echo-test.xml').render(d),
  time: (t, d) => t.get('dialplan/feature-time.xml').render(d),
};

/** The names these kept before the catalogue; the others are feature-<action> (feature-dnd-on, ...). */
const KEPT_NAMES: Partial<Record<CoreAction, string>> = { echo: 'echo-test', voicemail_own: 'voicemail-own', voicemail_any: 'voicemail-any' };

/** The extension name of a code in the rendered context. */
export const featureExtensionName = (code: CoreFeatureCode) => KEPT_NAMES[code.action] ?? `feature-${code.action.replace(/_/g, '-')}`;

export function renderFeatureCode(code: CoreFeatureCode, tenant: DialplanTenant, templates: TemplateStore): string {
  const context = tenant.domain;
  return RENDERERS[code.action](templates, { name: featureExtensionName(code), expression: code.expression, context, domain: `^${escapeRegExp(context)}$` });
}

export const featureCodesProvider: TenantProvider = {
  name: 'feature-codes',
  order: 100,
  async load({ tenant }, templates) {
    const codes = CORE_FEATURE_CODES.filter((c) => c.enabled);
    return { tags: [], extensions: fragmentSet(codes.map((c) => ({ xml: renderFeatureCode(c, tenant, templates), test: new RegExp(c.expression) }))) };
  },
};
