// The tenant's enabled IVR menus, each on its number: answer, run the menu by its name in ivr.conf
// (its uuid, never user text), then the exit destination (xml-templates/dialplan/ivr-menu.xml).
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { greetingKey, type DialplanIvrMenu, type DialplanRepository } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';

/** `greetings`: the tenant's chosen voicemail greetings (DialplanRepository.chosenGreetings). */
export function renderIvrMenu(menu: DialplanIvrMenu, tenant: DialplanTenant, templates: TemplateStore, greetings: ReadonlyMap<string, string>): string {
  const voicemail = menu.exitType === 'voicemail';
  return templates.get('dialplan/ivr-menu.xml').render({
    name: `ivr-${menu.extension}`,
    expression: `^${escapeRegExp(menu.extension)}$`,
    context: tenant.domain,
    menu: menu.id,
    transfer: menu.exitType && !voicemail ? menu.exitValue : '',
    voicemail: voicemail ? menu.exitValue : '',
    greeting: voicemail ? (greetings.get(greetingKey(tenant.domain, menu.exitValue)) ?? '') : '',
    hangup: !menu.exitType,
  });
}

export function ivrMenusProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'ivr-menus',
    order: 350,
    async load({ tenant }, templates) {
      const byNumber = new Map<string, string>();
      const [menus, greetings] = await Promise.all([repo.ivrMenus(tenant.id), repo.chosenGreetings(tenant.id)]);
      for (const menu of menus) byNumber.set(menu.extension, renderIvrMenu(menu, tenant, templates, greetings));
      return {
        tags: [tags.ivrMenusOf(tenant.id), tags.voicemailsOf(tenant.id)],
        extensions: {
          match(destination) {
            const xml = byNumber.get(destination);
            return xml ? [xml] : [];
          },
          all: () => [...byNumber.values()],
        },
      };
    },
  };
}
