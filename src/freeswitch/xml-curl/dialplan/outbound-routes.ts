// Outbound routes: the voice routes of the tenant and the shared ones. Routes with the same
// pattern and toll class form one extension whose bridge tries their providers in priority order,
// each leg with its own strip / prepend (and the provider's prefix). Legs through an inactive
// provider, or a provider of another tenant, are left out; a route left with no leg is not rendered,
// nor one whose pattern is not a safe dial pattern (domain/shared/dial-pattern.ts).
import { tags } from '../change-tags.ts';
import { trusted } from '../templates/trusted-text.ts';
import type { DialplanRepository, OutboundRoute } from './dialplan.repository.ts';
import type { TenantProvider } from './extension-provider.ts';
import { compileDialPattern } from '../../../domain/shared/dial-pattern.ts';
import { escapeRegExp, fragmentSet } from './extension-provider.ts';

const VOICE = 1;

function leg(route: OutboundRoute): string {
  const number = route.strip > 0 ? `\${destination_number:${route.strip}}` : '${destination_number}';
  return `sofia/gateway/${route.provider.gatewayUuid}/${route.provider.prefix}${route.prepend}${number}`;
}

export function outboundRoutesProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'outbound-routes',
    order: 900,
    async load({ tenant }, templates) {
      const [routes, callerId] = await Promise.all([repo.outboundRoutes(tenant.id), repo.defaultCallerId(tenant.id)]);
      const groups = new Map<string, OutboundRoute[]>();
      for (const route of routes) {
        if ((route.serviceFlag & VOICE) === 0) continue;
        const key = `${route.tollType}\u0000${route.pattern}`;
        groups.set(key, [...(groups.get(key) ?? []), route]);
      }
      const template = templates.get('dialplan/outbound-route.xml');
      const fragments = [...groups.values()].flatMap((group) => {
        const usable = group.filter((r) => r.provider.active && (r.provider.tenantId === null || r.provider.tenantId === tenant.id));
        const first = group[0];
        // A pattern stored before patterns were checked, and unsafe, is never run by either engine.
        const test = compileDialPattern(first.pattern);
        if (usable.length === 0 || !test) return [];
        const xml = template.render({
          name: `outbound-${first.id}`,
          expression: first.pattern,
          tollExpression: first.tollType ? `(^|,)\\s*${escapeRegExp(first.tollType)}\\s*(,|$)` : '',
          callerId,
          context: tenant.domain,
          limit: tenant.maxConcurrentCalls > 0 ? tenant.maxConcurrentCalls : 0,
          bridge: trusted(usable.map(leg).join('|')),
        });
        return [{ xml, test }];
      });
      const providerTags = [...new Set(routes.map((r) => tags.provider(r.provider.id)))];
      return {
        tags: [tags.routesOf(tenant.id), tags.routesOf(null), tags.callerIdsOf(tenant.id), ...providerTags],
        extensions: fragmentSet(fragments),
      };
    },
  };
}
