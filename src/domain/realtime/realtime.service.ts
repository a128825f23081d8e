// Live calls: what is up right now (from the event-fed state, never a poll per request), call
// control of a channel the caller may see (anything else is 404, as if it did not exist), and
// click-to-call from one of the caller's extensions.
import { randomUUID } from 'node:crypto';
import { authorize, scopeOf, type AuthedCtx, type Ctx } from '../../context.ts';
import { forbidden, notFound, switchFailed, switchUnavailable, validationFailed } from '../../errors.ts';
import { commands, isDestination, type LiveChannel, type LiveRegistration, type NodeStatus, type SwitchManager } from '../../freeswitch/esl/index.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { CallingExtension, PbxLookups } from './pbx-lookups.repository.ts';
import { onSwitch } from './switch-errors.ts';
import { viewerOf, type Viewer } from './viewer.ts';

export type ControlAction = 'hangup' | 'hold' | 'unhold' | 'transfer';

export interface Snapshot {
  channels: LiveChannel[];
  registrations: LiveRegistration[];
  /** The nodes and their connection state (super-admin only; empty otherwise). */
  nodes: NodeStatus[];
}

export interface Originated {
  jobUuid: string;
  uuid: string;
  node: string;
}

const EXTENSION = /^[A-Za-z0-9_.+-]{1,64}$/;

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

    async snapshot(query: { node?: string; domain?: string }, ctx: Ctx): Promise<Snapshot> {
      const view = await viewer(ctx);
      const filter = { node: query.node, domain: query.domain?.toLowerCase() };
      return {
        channels: esl.state.channels(filter).filter(view.channel),
        registrations: esl.state.registrations(filter).filter(view.registration),
        nodes: view.domain === null ? esl.nodes() : [],
      };
    },

    async control(input: { action: ControlAction; uuid: string; destination?: string }, ctx: Ctx): Promise<LiveChannel> {
      authorize(ctx, 'realtime_control');
      const view = await viewerOf(ctx, { tenants, pbx });
      const channel = esl.state.channel(input.uuid);
      if (!channel || !view.channel(channel)) throw notFound('Channel');
      let command: string;
      if (input.action === 'transfer') {
        if (!input.destination) throw validationFailed('destination', 'is required for a transfer');
        if (!isDestination(input.destination)) throw validationFailed('destination', 'must be a dialable number or extension');
        const context = channel.domain ?? channel.context;
        command = commands.transfer(channel.uuid, input.destination, context);
      } else {
        command = { hangup: commands.hangup, hold: commands.hold, unhold: commands.unhold }[input.action](channel.uuid);
      }
      const result = await onSwitch(() => esl.api(channel.node, command));
      if (!result.ok) {
        if (/no such channel/i.test(result.text)) throw notFound('Channel');
        throw switchFailed(`FreeSWITCH refused ${input.action}: ${result.text}`);
      }
      await activity.record(ctx, 'call_control', `${input.action} ${channel.uuid}${input.destination ? ` to ${input.destination}` : ''}`);
      return channel;
    },

    async originate(input: { from: string; to: string; tenantId?: number }, ctx: Ctx): Promise<Originated> {
      authorize(ctx, 'call_originate');
      if (!EXTENSION.test(input.from)) throw validationFailed('from', 'must be an extension number');
      if (!isDestination(input.to)) throw validationFailed('to', 'must be a dialable number or extension');
      const tenantId = originTenant(ctx, input.tenantId);
      const tenant = await tenants.findById(tenantId);
      if (!tenant) throw validationFailed('tenantId', 'names no tenant');
      const ext = await pbx.extension(tenantId, input.from);
      const scope = scopeOf(ctx.actor);
      if (!ext || !ext.enabled || !tenant.active || (scope.kind === 'self' && ext.userId !== ctx.actor.id)) throw notFound('Extension');

      const registeredOn = esl.state.registrations({ domain: tenant.domain.toLowerCase(), extensions: [ext.extension] })[0]?.node;
      const client = (registeredOn ? esl.client(registeredOn) : null) ?? esl.connected()[0];
      if (!client?.isConnected()) throw switchUnavailable('No FreeSWITCH node is connected');

      const uuid = randomUUID();
      const cid = await callerId(tenantId, ext, input.to);
      const command = await onSwitch(async () =>
        commands.originate({ uuid, from: ext.extension, domain: tenant.domain, to: input.to, callerIdName: cid.name, callerIdNumber: cid.number, timeoutSeconds: ext.callTimeout }),
      );
      const job = await onSwitch(() => client.bgapi(command));
      await activity.record(ctx, 'call_originated', `Click-to-call ${ext.extension} -> ${input.to}`, { tenantId });
      return { jobUuid: job.jobUuid, uuid, node: client.target.name };
    },
  };
}

export type RealtimeService = ReturnType<typeof createRealtimeService>;
