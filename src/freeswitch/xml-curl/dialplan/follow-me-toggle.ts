// Follow-me's toggle code in the tenant's context (listed by follow-me's module descriptor at
// /feature_codes with the same expression): the caller's extension's follow-me goes on or off.
// The state is Switchyard's (the extension's follow_me_enabled, which the GUI shows and
// local-extensions.ts renders the extension's bridge from): the entries below are rendered from
// it, each listing the callers whose follow-me it turns on (or off), and fire CUSTOM
// switchyard::follow_me, which Switchyard hears over the Event Socket and writes
// (esl/follow-me-toggles.ts). A change of any follow-me or extension of the tenant re-renders them.
import { FOLLOW_ME_TOGGLE } from '../../../domain/follow-me/follow-me.module.ts';
import { FOLLOW_ME_SUBCLASS } from '../../esl/normalise.ts';
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import type { DialplanRepository } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp, fragmentSet } from './extension-provider.ts';

/** The entries of the code: turning on (extensions whose follow-me is off), off, and for any other caller. */
export function renderFollowMeToggle(states: readonly { extension: string; enabled: boolean }[], tenant: DialplanTenant, templates: TemplateStore): string[] {
  const template = templates.get('dialplan/follow-me-toggle.xml');
  const common = { expression: FOLLOW_ME_TOGGLE.expression, domain: `^${escapeRegExp(tenant.domain)}$`, context: tenant.domain, subclass: FOLLOW_ME_SUBCLASS };
  // Extension numbers are digits (extensions.schema.ts): the alternation needs no escaping.
  const callers = (enabled: boolean) => states.filter((s) => s.enabled === enabled).map((s) => s.extension);
  const entry = (name: string, numbers: string[], enable: boolean) =>
    numbers.length ? [template.render({ ...common, name, callers: `^(${numbers.join('|')})$`, enable })] : [];
  return [
    ...entry('follow-me-toggle-on', callers(false), true),
    ...entry('follow-me-toggle-off', callers(true), false),
    template.render({ ...common, name: 'follow-me-toggle', callers: '', enable: false }),
  ];
}

export function followMeToggleProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'follow-me-toggle',
    order: 150,
    async load({ tenant }, templates) {
      const xml = renderFollowMeToggle(await repo.followMeStates(tenant.id), tenant, templates);
      const test = new RegExp(FOLLOW_ME_TOGGLE.expression);
      return { tags: [tags.followMeOf(tenant.id), tags.extensionsOf(tenant.id)], extensions: fragmentSet(xml.map((x) => ({ xml: x, test }))) };
    },
  };
}
