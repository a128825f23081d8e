// The tenant's enabled conference rooms, each on its number: answer, the greeting, then the
// `conference` application joining `<extension>-<domain>` under the room's profile (its uuid,
// answered by configuration/conference-conf.ts) (xml-templates/dialplan/conference.xml).
import { conferenceNameOf } from '../../../domain/conferences/conferences.service.ts';
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import type { DialplanConference, DialplanRepository } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';

export function renderConference(room: DialplanConference, tenant: DialplanTenant, templates: TemplateStore): string {
  return templates.get('dialplan/conference.xml').render({
    name: `conference-${room.extension}`,
    expression: `^${escapeRegExp(room.extension)}$`,
    greeting: room.greeting,
    conference: conferenceNameOf(room.extension, tenant.domain),
    profile: room.id,
  });
}

export function conferencesProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'conferences',
    order: 360,
    async load({ tenant }, templates) {
      const byNumber = new Map<string, string>();
      for (const room of await repo.conferences(tenant.id)) byNumber.set(room.extension, renderConference(room, tenant, templates));
      return {
        tags: [tags.conferencesOf(tenant.id)],
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
