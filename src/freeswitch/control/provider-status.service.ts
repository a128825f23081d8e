// Each trunk's registration state on every node: `sofia xmlstatus` read afresh per request (its
// gateway entries give name and state), kept current between reads by sofia::gateway_state events.
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import type { GatewayStatus, SwitchManager } from '../esl/index.ts';
import type { PbxLookups, ProviderGateway } from './pbx-lookups.repository.ts';

export interface ProviderState {
  provider: ProviderGateway;
  /** REGED on some node wins; else the first node's state; DISABLED when inactive; UNKNOWN when no node reports it. */
  state: string;
  nodes: { node: string; state: string; pingStatus: string | null }[];
}

/** How FreeSWITCH names a provider's gateway (sofia.conf renders it so). */
export const gatewayNameOf = (provider: Pick<ProviderGateway, 'gatewayUuid'>) => provider.gatewayUuid;

export function createProviderStatusService(deps: { esl: SwitchManager; pbx: PbxLookups }) {
  const { esl, pbx } = deps;

  function stateOf(provider: ProviderGateway, gateways: GatewayStatus[]): ProviderState {
    const name = gatewayNameOf(provider);
    const nodes = gateways.filter((g) => g.name === name).map((g) => ({ node: g.node, state: g.state, pingStatus: g.pingStatus }));
    const state = !provider.active ? 'DISABLED' : nodes.some((n) => n.state === 'REGED') ? 'REGED' : (nodes[0]?.state ?? 'UNKNOWN');
    return { provider, state, nodes };
  }

  return {
    async list(ctx: Ctx): Promise<ProviderState[]> {
      authorize(ctx, 'provider_status');
      const scope = scopeOf(ctx.actor);
      if (scope.kind === 'self') return [];
      const providers = await pbx.gateways(scope.kind === 'all' ? undefined : [scope.tenantId, null]);
      await esl.refreshGateways();
      const gateways = esl.state.gateways();
      return providers.map((p) => stateOf(p, gateways));
    },
  };
}

export type ProviderStatusService = ReturnType<typeof createProviderStatusService>;
