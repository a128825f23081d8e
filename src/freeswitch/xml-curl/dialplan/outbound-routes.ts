// Outbound routes: the voice routes of the tenant and the shared ones. A route to a destination
// (ICTCore's dialling prefix) matches the prefix's numbers, with or without a leading +:
// ^\+?(<prefix>\d+)$, and its legs send the digits (capture 1, without the +), as ICTPBX's own
// rendering sends <prefix>$1. Routes with the same expression and toll class form one extension
// whose bridge tries their providers in priority order, each leg with its own strip / prepend
// (and the provider's prefix); at equal priority a longer prefix comes first (the more specific
// destination wins). Legs through an inactive provider, or a provider of another tenant, are left
// out; a route left with no leg is not rendered, nor one whose pattern is not a safe dial pattern
// (domain/shared/dial-pattern.ts).
import { tags } from '../change-tags.ts';
import { trusted } from '../templates/trusted-text.ts';
import type { DialplanRepository, OutboundRoute } from './dialplan.repository.ts';
import type { TenantProvider } from './extension-provider.ts';
import { compileDialPattern } from '../../../domain/shared/dial-pattern.ts';
import { escapeRegExp, fragmentSet } from './extension-provider.ts';

const VOICE = 1;
const DIGITS = /^[0-9]{1,15}$/;

/** The destination expression of a route: its destination's, or its own pattern. */
export function routeExpression(route: Pick<OutboundRoute, 'pattern' | 'destination'>): string {
  if (!route.destination) return route.pattern;
  // Prefixes are digits (the schema's rule); anything else never renders.
  return DIGITS.test(route.destination.prefix) ? `^\\+?(${route.destination.prefix}\\d+)$` : '';
}

function leg(route: OutboundRoute): string {
  const variable = route.destination ? 'outbound_digits' : 'destination_number';
  const number = route.strip > 0 ? `\${${variable}:${route.strip}}` : `\${${variable}}`;
  return `sofia/gateway/${route.provider.gatewayUuid}/${route.provider.prefix}${route.prepend}${number}`;
}

interface Group {
  expression: string;
  routes: OutboundRoute[];
}

export function outboundRoutesProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'outbound-routes',
    order: 900,
    async load({ tenant }, templates) {
      const [routes, callerId] = await Promise.all([repo.outboundRoutes(tenant.id), repo.defaultCallerId(tenant.id)]);
      const groups = new Map<string, Group>();
      for (const route of routes) {
        if ((route.serviceFlag & VOICE) === 0) continue;
        const expression = routeExpression(route);
        const key = `${route.tollType}\u0000${expression}`;
        const group = groups.get(key) ?? { expression, routes: [] };
        group.routes.push(route);
        groups.set(key, group);
      }
      const specificity = (g: Group) => g.routes[0].destination?.prefix.length ?? 0;
      const ordered = [...groups.values()].sort((a, b) => a.routes[0].priority - b.routes[0].priority || specificity(b) - specificity(a));
      const template = templates.get('dialplan/outbound-route.xml');
      const fragments = ordered.flatMap(({ expression, routes: group }) => {
        const usable = group.filter((r) => r.provider.active && (r.provider.tenantId === null || r.provider.tenantId === tenant.id));
        const first = group[0];
        // A pattern stored before patterns were checked, and unsafe, is never run by either engine.
        const test = compileDialPattern(expression);
        if (usable.length === 0 || !test) return [];
        const xml = template.render({
          name: `outbound-${first.id}`,
          expression,
          tollExpression: first.tollType ? `(^|,)\\s*${escapeRegExp(first.tollType)}\\s*(,|$)` : '',
          callerId,
          context: tenant.domain,
          limit: tenant.maxConcurrentCalls > 0 ? tenant.maxConcurrentCalls : 0,
          digits: usable.some((r) => r.destination !== null),
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
