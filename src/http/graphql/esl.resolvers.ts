// Event Socket (issue 4): switch nodes, the live state, call control, click-to-call, trunk status
// and conference participants. Arguments map to the same service calls as REST.
import type { ConferenceMember, NodeStatus } from '../../freeswitch/esl/index.ts';
import type { ParticipantAction } from '../../domain/realtime/conference-participants.service.ts';
import type { ProviderState } from '../../domain/realtime/provider-status.service.ts';
import type { ControlAction } from '../../domain/realtime/realtime.service.ts';
import type { SwitchNode, SwitchNodeInput } from '../../domain/switch-nodes/switch-nodes.service.ts';
import { given } from './args.ts';
import type { GqlContext } from './context.ts';

type Nullable<T> = { [K in keyof T]?: T[K] | null };

export const eslResolvers = {
  Query: {
    switchNodes: (_: unknown, __: unknown, { ctx, services }: GqlContext) => services.switchNodes.all(ctx),
    switchNode: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.switchNodes.get(id, ctx),
    realtime: (_: unknown, args: { node?: string | null; domain?: string | null }, { ctx, services }: GqlContext) =>
      services.realtime.snapshot(given(args), ctx),
    providerStatus: (_: unknown, __: unknown, { ctx, services }: GqlContext) => services.providerStatus.list(ctx),
    conferenceParticipants: (_: unknown, args: { conferenceName?: string | null }, { ctx, services }: GqlContext) =>
      services.conferenceParticipants.list({ conference: args.conferenceName ?? undefined }, ctx),
  },
  Mutation: {
    createSwitchNode: (_: unknown, { input }: { input: SwitchNodeInput & { name: string; host: string; password: string } }, { ctx, services }: GqlContext) =>
      services.switchNodes.create(given(input) as SwitchNodeInput & { name: string; host: string; password: string }, ctx),
    updateSwitchNode: (_: unknown, { id, input }: { id: number; input: Nullable<SwitchNodeInput> }, { ctx, services }: GqlContext) =>
      services.switchNodes.update(id, given(input), ctx),
    deleteSwitchNode: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.switchNodes.remove(id, ctx).then(() => true),
    controlCall: (_: unknown, args: { action: ControlAction; uuid: string; destination?: string | null }, { ctx, services }: GqlContext) =>
      services.realtime.control({ action: args.action, uuid: args.uuid, destination: args.destination ?? undefined }, ctx).then(() => true),
    originateCall: (_: unknown, args: { from: string; to: string; tenantId?: number | null }, { ctx, services }: GqlContext) =>
      services.realtime.originate({ from: args.from, to: args.to, tenantId: args.tenantId ?? undefined }, ctx),
    controlConferenceParticipant: (_: unknown, args: { conferenceName: string; memberId: number; action: ParticipantAction }, { ctx, services }: GqlContext) =>
      services.conferenceParticipants.act({ conference: args.conferenceName, memberId: args.memberId, action: args.action }, ctx).then(() => true),
  },
  SwitchNode: {
    stateSince: (n: SwitchNode) => n.since,
    connectedSince: (n: SwitchNode) => n.connectedAt,
  },
  SwitchNodeState: {
    since: (n: NodeStatus) => n.since,
  },
  ProviderStatus: {
    providerId: (s: ProviderState) => s.provider.id,
    gatewayUuid: (s: ProviderState) => s.provider.gatewayUuid,
    name: (s: ProviderState) => s.provider.name,
    tenantId: (s: ProviderState) => s.provider.tenantId,
    profile: (s: ProviderState) => s.provider.profile,
  },
  ConferenceParticipant: {
    conferenceName: (m: ConferenceMember) => m.conference,
    joinTime: (m: ConferenceMember) => m.joinedSeconds,
  },
};
