// What of the live switch state an actor may see (reference §3.5): the super-admin everything, a
// tenant admin its tenant's domain, an end user the channels and registrations of its own
// extensions. Shared by GET /realtime, call control and the GraphQL subscriptions.
import { scopeOf, type AuthedCtx } from '../../context.ts';
import type { LiveChannel, LiveRegistration } from '../esl/index.ts';
import type { TenantsRepository } from '../../domain/tenants/tenants.repository.ts';
import type { PbxLookups } from './pbx-lookups.repository.ts';

export interface Viewer {
  /** The tenant domain in view; null for every domain (super-admin). */
  domain: string | null;
  /** The extensions in view; null for all of the domain. */
  extensions: string[] | null;
  channel(channel: LiveChannel): boolean;
  registration(registration: LiveRegistration): boolean;
  /** For domain-tagged events (conference, ...): whether the domain is in view. */
  sees(domain: string | null): boolean;
}

export function viewerFor(domain: string | null, extensions: string[] | null): Viewer {
  const inDomain = (d: string | null) => domain === null || (!!d && d === domain);
  const inExtensions = (e: string | null) => extensions === null || (e !== null && extensions.includes(e));
  return {
    domain,
    extensions,
    channel: (c) => inDomain(c.domain ?? c.context.toLowerCase()) && inExtensions(c.extension),
    registration: (r) => inDomain(r.domain) && inExtensions(r.user),
    sees: (d) => extensions === null && inDomain(d),
  };
}

export async function viewerOf(ctx: AuthedCtx, deps: { tenants: TenantsRepository; pbx: PbxLookups }): Promise<Viewer> {
  const scope = scopeOf(ctx.actor);
  if (scope.kind === 'all') return viewerFor(null, null);
  const tenant = scope.tenantId === null ? null : await deps.tenants.findById(scope.tenantId);
  // No tenant, no domain: a viewer that matches nothing (the empty string is no domain).
  const domain = tenant?.domain.toLowerCase() ?? '';
  if (scope.kind === 'tenant') return viewerFor(domain, null);
  return viewerFor(domain, await deps.pbx.extensionsOfUser(scope.userId));
}
