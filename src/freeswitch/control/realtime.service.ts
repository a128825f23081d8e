// Live calls: what is up right now (from the event-fed state, never a poll per request), call
// control of a channel the caller may see (anything else is 404, as if it did not exist), and
// click-to-call from one of the caller's registered extensions. Inputs and answers are the
// realtime schema (realtime.schema.ts), in the ICTPBX client's words.
import { randomUUID } from 'node:crypto';
import { authorize, scopeOf, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, forbidden, notFound, switchFailed, switchUnavailable, validationFailed } from '../../errors.ts';
import { parse } from '../../domain/shared/schema.ts';
import { commands, isDestination, type LiveChannel, type LiveRegistration, type NodeStatus, type SwitchManager } from '../esl/index.ts';
import type { ActivityLog } from '../../domain/activities/activity-log.ts';
import type { TenantsRepository } from '../../domain/tenants/tenants.repository.ts';
import type { CallingExtension, PbxLookups } from './pbx-lookups.repository.ts';
import { CallControl, Originate, RealtimeQuery, type CallControlAnswer, type OriginateAnswer, type RealtimeChannel, type RealtimeRegistration, type RealtimeSnapshot } from './realtime.schema.ts';
import { onSwitch } from './switch-errors.ts';
import { viewerOf, type Viewer } from './viewer.ts';
import { unixSeconds } from '../../domain/shared/unix-time.ts';

export type ControlAction = 'hangup' | 'hold' | 'unhold' | 'transfer';

const EXTENSION = /^[A-Za-z0-9_.+-]{1,64}$/;

const stamp = (epochSeconds: number | null) => (epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' '));
export function channelView(c: LiveChannel): RealtimeChannel {
  return {
    uuid: c.uuid,
    direction: c.direction,
    cidName: c.callerIdName,
    cidNum: c.callerIdNumber,
    dest: c.destination,
    state: c.state,
    callstate: c.callState,
    readCodec: c.readCodec,
    ipAddr: c.networkAddr,
    name: c.name,
    created: stamp(c.createdAt),
    application: c.application,
    calleeName: c.calleeIdName,
    calleeNum: c.calleeIdNumber,
    context: c.context,
    node: c.node,
    domain: c.domain,
    extension: c.extension,
    otherLegUuid: c.otherLegUuid,
    createdEpoch: c.createdAt,
    answeredEpoch: c.answeredAt,
  };
}

export function registrationView(r: LiveRegistration): RealtimeRegistration {
  return {
    regUser: r.user,
    realm: r.domain,
    networkIp: r.networkIp,
    userAgent: r.userAgent,
    // Only live registrations are held: sofia status would say Registered(UDP) of each.
    status: `Registered(${(r.transport || 'udp').toUpperCase()})`,
    url: r.contact,
    expires: r.expiresAt,
    networkPort: r.networkPort,
    networkProto: r.transport,
    callId: r.callId,
    profile: r.profile,
    node: r.node,
  };
}

const nodeView = (n: NodeStatus) => ({ name: n.name, state: n.state, stateSince: unixSeconds(n.since), lastError: n.lastError });

export function createRealtimeService(deps: { esl: SwitchManager; tenants: TenantsRepository; pbx: PbxLookups; activity: ActivityLog }) {
  const { esl, tenants, pbx, activity } = deps;

  async function viewer(ctx: Ctx): Promise<Viewer> {
    authorize(ctx, 'realtime_read');
    return viewerOf(ctx, { tenants, pbx });
  }

  /** The tenant an originate is for: the super-admin names it (or uses its own), others their own. */
  function originTenant(ctx: AuthedCtx, named: number | undefined): number {
    const scope = scopeOf(ctx.actor);
    if (scope.kind === 'all') {
      const id = named ?? ctx.actor.tenantId;
      if (id === null) throw validationFailed('tenantId', 'is required: a super-admin names the tenant');
      return id;
    }
    if (named !== undefined && named !== scope.tenantId) throw forbidden('Only a super-admin may name another tenant');
    if (scope.tenantId === null) throw notFound('Extension');
    return scope.tenantId;
  }

  async function callerId(tenantId: number, ext: CallingExtension, to: string): Promise<{ name: string; number: string }> {
    const fallbackName = ext.effectiveCallerIdName || ext.displayName || ext.extension;
    if (await pbx.extension(tenantId, to)) return { name: fallbackName, number: ext.effectiveCallerIdNumber || ext.extension };
    const tenantCid = await pbx.callerId(tenantId);
    return {
      name: ext.outboundCallerIdName || tenantCid?.name || fallbackName,
      number: ext.outboundCallerIdNumber || tenantCid?.number || ext.effectiveCallerIdNumber || ext.extension,
    };
  }

  return {
    /** The actor's view of the live state; GraphQL subscriptions filter events with it. */
    viewer,

    /** The channels and registrations in view, with their counts (and the nodes, for the super-admin). */
    async snapshot(raw: unknown, ctx: Ctx): Promise<RealtimeSnapshot> {
      const view = await viewer(ctx);
      const query = parse(RealtimeQuery, raw ?? {});
      const filter = { node: query.node, domain: query.domain?.toLowerCase() };
      const channels = esl.state.channels(filter).filter(view.channel);
      const registrations = esl.state.registrations(filter).filter(view.registration);
      return {
        channelCount: channels.length,
        registrationCount: registrations.length,
        channels: channels.map(channelView),
        registrations: registrations.map(registrationView),
        nodes: view.domain === null ? esl.nodes().map(nodeView) : [],
      };
    },

    /** Hangs up, holds, unholds or transfers a channel in view. The client sends "hold" to unhold a held call too: hold toggles. */
    async control(raw: unknown, ctx: Ctx): Promise<CallControlAnswer> {
      authorize(ctx, 'realtime_control');
      const input = parse(CallControl, raw);
      const uuid = input.channelUuid ?? input.uuid;
      if (!uuid) throw validationFailed('channelUuid', 'is required');
      const view = await viewerOf(ctx, { tenants, pbx });
      const channel = esl.state.channel(uuid);
      if (!channel || !view.channel(channel)) throw notFound('Channel');
      const action: ControlAction = input.action === 'hold' && channel.callState.toUpperCase() === 'HELD' ? 'unhold' : (input.action as ControlAction);
      let command: string;
      if (action === 'transfer') {
        if (!input.destination) throw validationFailed('destination', 'is required for a transfer');
        if (!isDestination(input.destination)) throw validationFailed('destination', 'must be a dialable number or extension');
        const context = channel.domain ?? channel.context;
        command = commands.transfer(channel.uuid, input.destination, context);
      } else {
        command = { hangup: commands.hangup, hold: commands.hold, unhold: commands.unhold }[action](channel.uuid);
      }
      const result = await onSwitch(() => esl.api(channel.node, command));
      if (!result.ok) {
        if (/no such channel/i.test(result.text)) throw notFound('Channel');
        throw switchFailed(`FreeSWITCH refused ${action}: ${result.text}`);
      }
      await activity.record(ctx, 'call_control', `${action} ${channel.uuid}${action === 'transfer' ? ` to ${input.destination}` : ''}`);
      return { status: 'ok', action };
    },

    /** Click-to-call: rings one of the caller's registered extensions, then dials the number through the tenant dialplan. */
    async originate(raw: unknown, ctx: Ctx): Promise<OriginateAnswer> {
      authorize(ctx, 'call_originate');
      const input = parse(Originate, raw);
      const from = (input.fromExt ?? input.from ?? '').trim();
      const to = (input.toNumber ?? input.to ?? '').trim();
      if (!from) throw validationFailed('fromExt', 'is required');
      if (!to) throw validationFailed('toNumber', 'is required');
      if (!EXTENSION.test(from)) throw validationFailed(input.fromExt === undefined ? 'from' : 'fromExt', 'must be an extension number');
      if (!isDestination(to)) throw validationFailed(input.toNumber === undefined ? 'to' : 'toNumber', 'must be a dialable number or extension');
      const tenantId = originTenant(ctx, input.tenantId);
      const tenant = await tenants.findById(tenantId);
      if (!tenant) throw validationFailed('tenantId', 'names no tenant');
      const ext = await pbx.extension(tenantId, from);
      const scope = scopeOf(ctx.actor);
      if (!ext || !ext.enabled || !tenant.active || (scope.kind === 'self' && ext.userId !== ctx.actor.id)) throw notFound('Extension');

      if (!esl.connected().length) throw switchUnavailable('No FreeSWITCH node is connected');
      const registeredOn = esl.state.registrations({ domain: tenant.domain.toLowerCase(), extensions: [ext.extension] })[0]?.node;
      const client = registeredOn ? esl.client(registeredOn) : null;
      if (!client?.isConnected()) throw conflict(`Extension ${ext.extension} is not registered, so it cannot be called.`);

      const uuid = randomUUID();
      const cid = await callerId(tenantId, ext, to);
      const command = await onSwitch(async () =>
        commands.originate({ uuid, from: ext.extension, domain: tenant.domain, to, callerIdName: cid.name, callerIdNumber: cid.number, timeoutSeconds: ext.callTimeout }),
      );
      const job = await onSwitch(() => client.bgapi(command));
      await activity.record(ctx, 'call_originated', `Click-to-call ${ext.extension} -> ${to}`, { tenantId });
      return { status: 'queued', fromExt: ext.extension, toNumber: to, jobUuid: job.jobUuid, uuid, node: client.target.name };
    },
  };
}

export type RealtimeService = ReturnType<typeof createRealtimeService>;
