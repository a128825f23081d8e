// Event Socket (issue 4): switch nodes, the live state, call control, click-to-call, trunk status
// and conference participants. Arguments map to the same service calls as REST.
import { memberView } from '../../freeswitch/control/conference-participants.service.ts';
import type { ProviderState } from '../../freeswitch/control/provider-status.service.ts';
import type { SwitchNode } from '../../domain/switch-nodes/switch-nodes.service.ts';
import { given } from './args.ts';
import type { GqlContext } from './context.ts';

export const eslResolvers = {
  Query: {
    switchNodes: (_: unknown, __: unknown, { ctx, services }: GqlContext) => services.switchNodes.all(ctx),
    switchNode: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.switchNodes.get(id, ctx),
    realtime: (_: unknown, args: { node?: string | null; domain?: string | null }, { ctx, services }: GqlContext) =>
      services.realtime.snapshot(given(args), ctx),
    providerStatus: (_: unknown, __: unknown, { ctx, services }: GqlContext) => services.providerStatus.list(ctx),
    conferenceParticipants: async (_: unknown, args: { conferenceName?: string | null }, { ctx, services }: GqlContext) =>
      (await services.conferenceParticipants.list({ conference: args.conferenceName ?? undefined }, ctx)).map(memberView),
    conferenceRoom: (_: unknown, args: Record<string, unknown>, { ctx, services }: GqlContext) => services.conferenceParticipants.room(given(args), ctx),
  },
  Mutation: {
    createSwitchNode: (_: unknown, { input }: { input: Record<string, unknown> }, { ctx, services }: GqlContext) => services.switchNodes.create(given(input), ctx),
    updateSwitchNode: (_: unknown, { id, input }: { id: number; input: Record<string, unknown> }, { ctx, services }: GqlContext) => services.switchNodes.update(id, given(input), ctx),
    deleteSwitchNode: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.switchNodes.remove(id, ctx).then(() => true),
    controlCall: (_: unknown, args: Record<string, unknown>, { ctx, services }: GqlContext) => services.realtime.control(given(args), ctx),
    originateCall: (_: unknown, args: Record<string, unknown>, { ctx, services }: GqlContext) => services.realtime.originate(given(args), ctx),
    controlConferenceParticipant: (_: unknown, args: Record<string, unknown>, { ctx, services }: GqlContext) => services.conferenceParticipants.act(given(args), ctx),
  },
  SwitchNode: {
    stateSince: (n: SwitchNode) => n.since,
    connectedSince: (n: SwitchNode) => n.connectedAt,
  },
  ProviderStatus: {
    providerId: (s: ProviderState) => s.provider.id,
    gatewayUuid: (s: ProviderState) => s.provider.gatewayUuid,
    name: (s: ProviderState) => s.provider.name,
    tenantId: (s: ProviderState) => s.provider.tenantId,
    profile: (s: ProviderState) => s.provider.profile,
  },
};
