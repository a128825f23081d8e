// What the dialplan renderers read: a tenant's enabled extensions (with their follow-me), ring
// groups, time conditions and IVR menus, its outbound routes (its own and the shared ones) with their
// providers, its caller id, and every live DID and call block. Rendered contexts are cached, so these
// run once per change, not per call.
import type { Db } from '../../../db/database.ts';
import { createMediaStore } from '../../../infra/media-store.ts';
import { boxSegments } from '../../../domain/voicemails/voicemail-storage.ts';
import { callQueuesRepository } from '../../../domain/call-queues/call-queues.repository.ts';
import type { DialplanTenant } from './extension-provider.ts';
import type { ExtensionRecord } from '../../../domain/extensions/extensions.repository.ts';
import type { CallFlowRecord } from '../../../domain/call-flows/call-flows.repository.ts';
import type { TimeConditionRecord } from '../../../domain/time-conditions/time-conditions.repository.ts';

const tenantSelect = { id: true, domain: true, domainUuid: true, maxConcurrentCalls: true } as const;

/** An enabled extension as the dialplan routes to it. */
export type LocalExtension = Pick<
  ExtensionRecord,
  | 'extension'
  | 'numberAlias'
  | 'callTimeout'
  | 'doNotDisturb'
  | 'forwardAllEnabled'
  | 'forwardAllDestination'
  | 'forwardBusyEnabled'
  | 'forwardBusyDestination'
  | 'forwardNoAnswerEnabled'
  | 'forwardNoAnswerDestination'
  | 'forwardUserNotRegisteredEnabled'
  | 'forwardUserNotRegisteredDestination'
  | 'voicemailEnabled'
  | 'callGroup'
>;

export interface OutboundRoute {
  id: number;
  /** The pattern of a pattern route ('' for a route to a destination). */
  pattern: string;
  /** The destination's prefix (E.164 digits) of a route to a destination. */
  destination: { prefix: string } | null;
  strip: number;
  prepend: string;
  priority: number;
  serviceFlag: number;
  tollType: string;
  provider: { id: number; gatewayUuid: string; tenantId: number | null; active: boolean; prefix: string };
}

/** An enabled time condition as the dialplan routes through it. */
/** An enabled call flow as its dialplan piece renders it. */
export type CallFlowRule = Pick<
  CallFlowRecord,
  | 'id'
  | 'extension'
  | 'featureCode'
  | 'status'
  | 'pinNumber'
  | 'sound'
  | 'alternateSound'
  | 'app'
  | 'destinationType'
  | 'destinationValue'
  | 'alternateApp'
  | 'alternateDestinationType'
  | 'alternateDestinationValue'
>;

export type TimeConditionRule = Pick<
  TimeConditionRecord,
  | 'extension'
  | 'timezone'
  | 'wdayStart'
  | 'wdayStop'
  | 'timeStart'
  | 'timeStop'
  | 'dateStart'
  | 'dateStop'
  | 'holidays'
  | 'openDestinationType'
  | 'openDestinationValue'
  | 'closedDestinationType'
  | 'closedDestinationValue'
>;

export interface InboundDid {
  id: number;
  number: string;
  destinationType: string;
  destinationValue: string;
  callerIdPrefix: string;
  tenant: DialplanTenant;
}

/** An enabled call block as the public context renders it (its patterns as the user wrote them). */
export interface InboundCallBlock {
  id: string;
  tenantId: number;
  number: string;
  callerIdName: string;
  countryCode: string;
  action: string;
  data: string;
}

/** An enabled ring group as the dialplan rings it, its enabled members in order. */
export interface DialplanRingGroup {
  id: string;
  extension: string;
  strategy: string;
  callTimeout: number;
  callerIdName: string;
  callerIdNumber: string;
  cidNamePrefix: string;
  cidNumberPrefix: string;
  timeoutType: string;
  timeoutValue: string;
  ringback: string;
  members: { number: string; kind: string; delay: number; timeout: number }[];
}

/** An enabled IVR menu as the dialplan reaches it: its number, its name in ivr.conf (its id) and its exit. */
export interface DialplanIvrMenu {
  id: string;
  extension: string;
  exitType: string;
  exitValue: string;
}

/** An enabled conference room as the dialplan reaches it: its number, its profile's name (its id) and its greeting. */
export interface DialplanConference {
  id: string;
  extension: string;
  greeting: string;
}

/** The follow-me of an enabled extension whose follow_me_enabled is on, its destinations in order. */
export interface DialplanFollowMe {
  extension: string;
  ignoreBusy: boolean;
  cidNamePrefix: string;
  cidNumberPrefix: string;
  destinations: { number: string; kind: string; delay: number; timeout: number }[];
}

/** How chosenGreetings() names a box. */
export const greetingKey = (domain: string, box: string) => `${domain}/${box}`;

/**
 * Reads for the dialplan; `mediaDir` (MEDIA_DIR) is where the greetings are, so a chosen greeting
 * is named by the path FreeSWITCH opens.
 */
export function dialplanRepository(db: Db, mediaDir: string) {
  const media = createMediaStore(mediaDir);
  const queues = callQueuesRepository(db);
  return {
    /** The tenant's call queues with their agents (the queues' dialplan piece keeps the enabled ones). */
    callQueues: (tenantId: number) => queues.all(tenantId),

    async tenant(domain: string): Promise<DialplanTenant | null> {
      return db.tenant.findFirst({ where: { domain, active: true }, select: tenantSelect });
    },

    async extensions(tenantId: number): Promise<LocalExtension[]> {
      return db.extension.findMany({
        where: { tenantId, enabled: true },
        select: {
          extension: true,
          numberAlias: true,
          callTimeout: true,
          doNotDisturb: true,
          forwardAllEnabled: true,
          forwardAllDestination: true,
          forwardBusyEnabled: true,
          forwardBusyDestination: true,
          forwardNoAnswerEnabled: true,
          forwardNoAnswerDestination: true,
          forwardUserNotRegisteredEnabled: true,
          forwardUserNotRegisteredDestination: true,
          voicemailEnabled: true,
          callGroup: true,
        },
        orderBy: { extension: 'asc' },
      });
    },

    async timeConditions(tenantId: number): Promise<TimeConditionRule[]> {
      const rows = await db.timeCondition.findMany({
        where: { tenantId, enabled: true },
        select: {
          extension: true,
          timezone: true,
          wdayStart: true,
          wdayStop: true,
          timeStart: true,
          timeStop: true,
          dateStart: true,
          dateStop: true,
          holidays: true,
          openDestinationType: true,
          openDestinationValue: true,
          closedDestinationType: true,
          closedDestinationValue: true,
        },
        orderBy: { extension: 'asc' },
      });
      return rows.map((r) => ({ ...r, holidays: JSON.parse(r.holidays) as string[] }));
    },

    /** The tenant's enabled call flows, with the destination their status selects. */
    async callFlows(tenantId: number): Promise<CallFlowRule[]> {
      return db.callFlow.findMany({
        where: { tenantId, enabled: true },
        select: {
          id: true,
          extension: true,
          featureCode: true,
          status: true,
          pinNumber: true,
          sound: true,
          alternateSound: true,
          app: true,
          destinationType: true,
          destinationValue: true,
          alternateApp: true,
          alternateDestinationType: true,
          alternateDestinationValue: true,
        },
        orderBy: { extension: 'asc' },
      });
    },

    /** The tenant's enabled extensions that have a follow-me, and whether it is on (follow-me's toggle code). */
    async followMeStates(tenantId: number): Promise<{ extension: string; enabled: boolean }[]> {
      const rows = await db.followMe.findMany({
        where: { tenantId, extension: { enabled: true } },
        select: { extension: { select: { extension: true, followMeEnabled: true } } },
        orderBy: { extension: { extension: 'asc' } },
      });
      return rows.map((r) => ({ extension: r.extension.extension, enabled: r.extension.followMeEnabled }));
    },

    /** The tenant's active routes and the shared ones, in trying order. */
    async outboundRoutes(tenantId: number): Promise<OutboundRoute[]> {
      return db.route.findMany({
        where: { active: true, OR: [{ tenantId }, { tenantId: null }] },
        select: {
          id: true,
          pattern: true,
          destination: { select: { prefix: true } },
          strip: true,
          prepend: true,
          priority: true,
          serviceFlag: true,
          tollType: true,
          provider: { select: { id: true, gatewayUuid: true, tenantId: true, active: true, prefix: true } },
        },
        orderBy: [{ priority: 'asc' }, { id: 'asc' }],
      });
    },

    /** The caller id a tenant presents when the extension sets none: its first active number. */
    async defaultCallerId(tenantId: number): Promise<{ number: string; name: string } | null> {
      const cid = await db.account.findFirst({ where: { tenantId, type: 'cid', active: true }, select: { phone: true, firstName: true }, orderBy: { id: 'asc' } });
      return cid && { number: cid.phone, name: cid.firstName };
    },

    async ringGroups(tenantId: number): Promise<DialplanRingGroup[]> {
      return db.ringGroup.findMany({
        where: { tenantId, enabled: true },
        select: {
          id: true,
          extension: true,
          strategy: true,
          callTimeout: true,
          callerIdName: true,
          callerIdNumber: true,
          cidNamePrefix: true,
          cidNumberPrefix: true,
          timeoutType: true,
          timeoutValue: true,
          ringback: true,
          members: { where: { enabled: true }, select: { number: true, kind: true, delay: true, timeout: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
        },
        orderBy: { extension: 'asc' },
      });
    },

    async ivrMenus(tenantId: number): Promise<DialplanIvrMenu[]> {
      return db.ivrMenu.findMany({ where: { tenantId, enabled: true }, select: { id: true, extension: true, exitType: true, exitValue: true }, orderBy: { extension: 'asc' } });
    },

    async conferences(tenantId: number): Promise<DialplanConference[]> {
      return db.conference.findMany({ where: { tenantId, enabled: true }, select: { id: true, extension: true, greeting: true }, orderBy: { extension: 'asc' } });
    },
    /**
     * Each box's chosen greeting (of one tenant, or of every live tenant), keyed by
     * greetingKey(domain, box number): the file's path.
     */
    async chosenGreetings(tenantId?: number): Promise<Map<string, string>> {
      const rows = await db.voicemail.findMany({
        where: { greetingId: { not: null }, ...(tenantId === undefined ? { tenant: { active: true } } : { tenantId }) },
        select: {
          greetingId: true,
          tenant: { select: { domain: true } },
          extension: { select: { extension: true } },
          greetings: { select: { greetingId: true, fileName: true } },
        },
      });
      return new Map(
        rows.flatMap((r) => {
          const chosen = r.greetings.find((g) => g.greetingId === r.greetingId);
          const { domain } = r.tenant;
          const box = r.extension.extension;
          return chosen ? [[greetingKey(domain, box), media.pathOf(...boxSegments(domain, box), chosen.fileName)] as const] : [];
        }),
      );
    },

    async followMe(tenantId: number): Promise<DialplanFollowMe[]> {
      const rows = await db.followMe.findMany({
        where: { tenantId, extension: { enabled: true, followMeEnabled: true } },
        select: {
          ignoreBusy: true,
          cidNamePrefix: true,
          cidNumberPrefix: true,
          extension: { select: { extension: true } },
          destinations: { select: { number: true, kind: true, delay: true, timeout: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
        },
      });
      return rows.map(({ extension, ...r }) => ({ ...r, extension: extension.extension }));
    },

    async dids(): Promise<InboundDid[]> {
      const rows = await db.account.findMany({
        where: { type: 'did', active: true, tenant: { active: true }, NOT: { destinationType: '' } },
        select: { id: true, phone: true, destinationType: true, destinationValue: true, callerIdPrefix: true, tenant: { select: tenantSelect } },
        orderBy: { phone: 'asc' },
      });
      return rows.flatMap(({ phone, ...r }) => (r.tenant ? [{ ...r, number: phone, tenant: r.tenant }] : []));
    },

    /** Every enabled inbound call block of a live tenant, oldest first. */
    async callBlocks(): Promise<InboundCallBlock[]> {
      return db.callBlock.findMany({
        where: { enabled: true, direction: 'inbound', tenant: { active: true } },
        select: { id: true, tenantId: true, number: true, callerIdName: true, countryCode: true, action: true, data: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
    },
  };
}

export type DialplanRepository = ReturnType<typeof dialplanRepository>;
