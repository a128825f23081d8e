// The dialplan section: the context named by Hunt-Context (Caller-Context before a transfer),
// `public` or a tenant's domain, answered with the extensions that can match the destination
// number. A context is compiled once (every provider's extensions rendered) and cached until a
// change touches it; each request then only picks and joins fragments.
import type { AnswerCache, Loaded } from '../answer-cache.ts';
import { tags } from '../change-tags.ts';
import type { FetchParams } from '../form-body.ts';
import { NO_TAGS, toXml, type XmlAnswer } from '../xml.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import type { DialplanRepository } from './dialplan.repository.ts';
import { describeEntry, type DialplanEntry } from './dialplan-entries.ts';
import { sortProviders, type ExtensionSet, type ListedExtensionSet, type ProvidedExtensions, type PublicProvider, type TenantProvider } from './extension-provider.ts';

export const PUBLIC_CONTEXT = 'public';

/** The fields of a dialplan fetch (the whole channel) the answers read. */
export const DIALPLAN_PARAMS = ['Caller-Context', 'Hunt-Context', 'Caller-Destination-Number', 'Hunt-Destination-Number'];

interface CompiledContext {
  head: string;
  tail: string;
  sets: ExtensionSet[];
}

interface CompiledTenantContext extends CompiledContext {
  /** Each provider's name and extensions, in the context's order. */
  listed: { provider: string; set: ListedExtensionSet }[];
}

export interface DialplanDeps {
  repo: DialplanRepository;
  cache: AnswerCache;
  templates: TemplateStore;
  tenantProviders: readonly TenantProvider[];
  publicProviders: readonly PublicProvider[];
}

function compile(templates: TemplateStore, context: string, provided: ProvidedExtensions[]): CompiledContext {
  const [head, tail] = templates.get('dialplan.xml').split({ context }, 'extensions');
  return { head, tail, sets: provided.map((p) => p.extensions) };
}

export function createDialplanAnswers({ repo, cache, templates, tenantProviders, publicProviders }: DialplanDeps) {
  const notFound = toXml(templates.get('not-found.xml').render({}));
  /** Not found before reading anything. */
  const nothing: XmlAnswer = { xml: notFound, tags: NO_TAGS };
  const forTenants = sortProviders(tenantProviders);
  const forPublic = sortProviders(publicProviders);

  function tenantContext(domain: string): Promise<Loaded<CompiledTenantContext | null>> {
    return cache.get<CompiledTenantContext | null>(`dp:ctx:${domain}`, async () => {
      const tenant = await repo.tenant(domain);
      if (!tenant) return { value: null, tags: [tags.tenants] };
      const provided = await Promise.all(forTenants.map((p) => p.load({ tenant }, templates)));
      return {
        value: { ...compile(templates, tenant.domain, provided), listed: provided.map((p, i) => ({ provider: forTenants[i].name, set: p.extensions })) },
        tags: [tags.tenant(tenant.id), tags.dialplans, ...provided.flatMap((p) => p.tags)],
      };
    });
  }

  function publicContext(): Promise<Loaded<CompiledContext>> {
    return cache.get(`dp:ctx:${PUBLIC_CONTEXT}`, async () => {
      const provided = await Promise.all(forPublic.map((p) => p.load({}, templates)));
      return { value: compile(templates, PUBLIC_CONTEXT, provided), tags: [tags.dialplans, ...provided.flatMap((p) => p.tags)] };
    });
  }

  /**
   * Every extension of a tenant's context as FreeSWITCH has it, in the order it tries them: the
   * compiled context the answers pick from (the same cache entry), listed whole.
   */
  async function entries(domain: string): Promise<DialplanEntry[]> {
    const compiled = (await tenantContext(domain.toLowerCase())).value;
    if (!compiled) return [];
    return compiled.listed.flatMap(({ provider, set }) => set.all().map((xml) => describeEntry(provider, xml)));
  }

  async function dialplan(p: FetchParams): Promise<XmlAnswer> {
    const context = (p['Hunt-Context'] || p['Caller-Context'] || '').toLowerCase();
    const destination = p['Hunt-Destination-Number'] ?? p['Caller-Destination-Number'] ?? '';
    if (!context) return nothing;
    const read = context === PUBLIC_CONTEXT ? await publicContext() : await tenantContext(context);
    const compiled = read.value;
    if (!compiled) return { xml: notFound, tags: read.tags };
    let xml = compiled.head;
    for (const set of compiled.sets) for (const fragment of set.match(destination)) xml += fragment;
    return { xml: xml + compiled.tail, tags: read.tags };
  }

  return { dialplan, entries };
}
