// A dialplan context is rendered from an ordered list of extension providers, each module owning
// its piece (feature codes, local extensions, outbound routes, inbound DIDs; ring groups, IVRs,
// queues, conferences and time conditions slot in with their own `order`). A provider loads its
// data with the cache labels it depends on and returns its extensions, already rendered, with a
// way to pick the ones that can match a destination number. The context answers only those, in
// provider order, so what FreeSWITCH executes is what the full context's first match would be.
import { matchesDialled } from '../../../domain/shared/dial-pattern.ts';
import type { TemplateStore } from '../templates/template-store.ts';

export interface DialplanTenant {
  id: number;
  domain: string;
  domainUuid: string;
  maxConcurrentCalls: number;
}

/** The extensions of one provider that may match `destination`, in their order. */
export interface ExtensionSet {
  match(destination: string): string[];
}

/** A tenant context's extensions also list themselves, every one in order (the /dialplans view). */
export interface ListedExtensionSet extends ExtensionSet {
  all(): string[];
}

export interface ProvidedExtensions<Set extends ExtensionSet = ExtensionSet> {
  tags: string[];
  extensions: Set;
}

export interface ExtensionProvider<Context, Set extends ExtensionSet = ExtensionSet> {
  name: string;
  /** Lower runs first; ties break on the name, so the order never depends on registration. */
  order: number;
  load(context: Context, templates: TemplateStore): Promise<ProvidedExtensions<Set>>;
}

export type TenantProvider = ExtensionProvider<{ tenant: DialplanTenant }, ListedExtensionSet>;
export type PublicProvider = ExtensionProvider<Record<string, never>>;

export function sortProviders<P extends { name: string; order: number }>(providers: readonly P[]): P[] {
  return [...providers].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** A fragment and the JavaScript reading of its destination expression (a safe dial pattern). */
export interface Fragment {
  xml: string;
  test: RegExp;
}

export function fragmentSet(fragments: readonly Fragment[]): ListedExtensionSet {
  return {
    match: (destination) => fragments.filter((f) => matchesDialled(f.test, destination)).map((f) => f.xml),
    all: () => fragments.map((f) => f.xml),
  };
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
