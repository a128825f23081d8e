// The directory section, dispatched as the README of the captured requests lays out: `purpose`
// first, then `action`, then what is asked for (a user, a domain, or nothing: the whole
// directory). Every answer is cached under its key with the labels of the data it shows.
import type { SecretBox } from '../../../security/secrets.ts';
import type { AnswerCache, Loaded } from '../answer-cache.ts';
import { tags } from '../change-tags.ts';
import type { FetchParams } from '../form-body.ts';
import { NO_TAGS, toXml, type Xml, type XmlAnswer } from '../xml.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import type { DirectoryRepository } from './directory.repository.ts';
import { callerIdOf, domainData, reverseAuthData, userDocumentData, type DirectorySettings } from './user-document.ts';

export interface DirectoryDeps {
  repo: DirectoryRepository;
  cache: AnswerCache;
  templates: TemplateStore;
  secrets: SecretBox;
  settings: DirectorySettings;
}

/** The user document, and whether it carries a digest secret (an extension may have none). */
interface UserAnswer {
  xml: Xml | null;
  authable: boolean;
}

/** The fields of a directory fetch the answers read. */
export const DIRECTORY_PARAMS = ['tag_name', 'key_name', 'key_value', 'domain', 'tag', 'tag_attr_name', 'tag_attr_val', 'purpose', 'action', 'user', 'group_name', 'group'];

/** The domain a directory request is about, wherever the caller put it. */
export function requestedDomain(p: FetchParams): string {
  const domain =
    p.domain ||
    (p.tag_name === 'domain' && p.key_name === 'name' ? p.key_value : '') ||
    (p.tag === 'domain' && p.tag_attr_name === 'name' ? p.tag_attr_val : '') ||
    '';
  return domain.toLowerCase();
}

export function createDirectoryAnswers({ repo, cache, templates, secrets, settings }: DirectoryDeps) {
  const notFound = toXml(templates.get('not-found.xml').render({}));
  const missFor = (tenantId: number | undefined) => (tenantId === undefined ? [tags.tenants] : [tags.tenant(tenantId), tags.extensionsOf(tenantId)]);

  function user(domain: string, id: string): Promise<Loaded<UserAnswer>> {
    return cache.get<UserAnswer>(`dir:user:${domain}:${id}`, async () => {
      const found = await repo.user(domain, id);
      if (!found.tenant || !found.user) return { value: { xml: null, authable: false }, tags: missFor(found.tenant?.id) };
      const xml = toXml(templates.get('directory-user.xml').render(userDocumentData(found.tenant, found.user, secrets, settings)));
      return {
        value: { xml, authable: found.user.passwordEnc !== '' },
        tags: [tags.tenant(found.tenant.id), tags.extension(found.user.id)],
      };
    });
  }

  function reverseAuth(domain: string, id: string): Promise<Loaded<Xml | null>> {
    return cache.get<Xml | null>(`dir:reverse:${domain}:${id}`, async () => {
      const found = await repo.user(domain, id);
      if (!found.tenant || !found.user || !found.user.passwordEnc) return { value: null, tags: missFor(found.tenant?.id) };
      return {
        value: toXml(templates.get('directory-reverse-auth.xml').render(reverseAuthData(found.tenant, found.user, secrets))),
        tags: [tags.tenant(found.tenant.id), tags.extension(found.user.id)],
      };
    });
  }

  function domainDocument(domain: string): Promise<Loaded<Xml | null>> {
    return cache.get<Xml | null>(`dir:domain:${domain}`, async () => {
      const tenant = await repo.tenant(domain);
      if (!tenant) return { value: null, tags: [tags.tenants] };
      return { value: toXml(templates.get('directory-domain.xml').render({ domain: domainData(tenant, settings) })), tags: [tags.tenant(tenant.id)] };
    });
  }

  function domains(): Promise<Loaded<Xml>> {
    return cache.get('dir:domains', async () => ({
      value: toXml(templates.get('directory-domains.xml').render({ domains: await repo.domains() })),
      tags: [tags.tenants],
    }));
  }

  function networkList(domain: string): Promise<Loaded<Xml | null>> {
    return cache.get<Xml | null>(`dir:network:${domain}`, async () => {
      const found = await repo.usersWithCidr(domain);
      if (!found) return { value: null, tags: [tags.tenants] };
      return {
        value: toXml(templates.get('directory-network-list.xml').render({ domain: domainData(found.tenant, settings), users: found.users })),
        tags: [tags.tenant(found.tenant.id), tags.extensionsOf(found.tenant.id)],
      };
    });
  }

  function group(domain: string, name: string): Promise<Loaded<Xml | null>> {
    return cache.get<Xml | null>(`dir:group:${domain}:${name}`, async () => {
      const found = await repo.groupMembers(domain, name);
      if (!found) return { value: null, tags: [tags.tenants] };
      if (found.users.length === 0) return { value: null, tags: missFor(found.tenant.id) };
      return {
        value: toXml(templates.get('directory-group.xml').render({ domain: domainData(found.tenant, settings), group: name, users: found.users })),
        tags: [tags.tenant(found.tenant.id), tags.extensionsOf(found.tenant.id)],
      };
    });
  }

  function everything(): Promise<Loaded<Xml>> {
    return cache.get('dir:all', async () => {
      const all = await repo.everything();
      const data = all.map(({ tenant, users }) => ({
        domain: domainData(tenant, settings),
        users: users.map((u) => ({ ...u, ...callerIdOf(u) })),
      }));
      return { value: toXml(templates.get('directory-all.xml').render({ domains: data, dialString: settings.dialString })), tags: [tags.tenants, tags.extensions] };
    });
  }

  /** What was read, or not found when it found nothing; either way labelled with what it read. */
  const orNotFound = (read: Loaded<Xml | null>): XmlAnswer => ({ xml: read.value ?? notFound, tags: read.tags });
  const answerOf = (read: Loaded<Xml>): XmlAnswer => ({ xml: read.value, tags: read.tags });
  /** Not found before reading anything. */
  const nothing: XmlAnswer = { xml: notFound, tags: NO_TAGS };

  return async function directory(p: FetchParams): Promise<XmlAnswer> {
    const domain = requestedDomain(p);
    const { action, purpose } = p;
    if (purpose === 'gateways') return answerOf(await domains());
    if (purpose === 'network-list') return domain ? orNotFound(await networkList(domain)) : nothing;
    if (action === 'event_socket_auth') {
      // ESL logins use Switchyard's own Event Socket credentials; SIP users get no API access.
      return nothing;
    }
    if (action === 'reverse-auth-lookup') return domain && p.user ? orNotFound(await reverseAuth(domain, p.user)) : nothing;
    if (action === 'group_call') {
      const name = p.group_name || p.group;
      return domain && name ? orNotFound(await group(domain, name)) : nothing;
    }
    if (p.user) {
      if (!domain) return nothing;
      const read = await user(domain, p.user);
      const { xml, authable } = read.value;
      return { xml: !xml || (action === 'sip_auth' && !authable) ? notFound : xml, tags: read.tags };
    }
    if (domain) return orNotFound(await domainDocument(domain));
    const bare = !p.tag_name && !p.key_name && !p.key_value && !action && !purpose;
    return bare ? answerOf(await everything()) : nothing;
  };
}
