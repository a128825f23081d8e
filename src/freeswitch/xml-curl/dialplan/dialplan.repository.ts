// What the dialplan renderers read: a tenant's enabled extensions and time conditions, its outbound routes (its own
// and the shared ones) with their providers, its caller id, and every live DID. Rendered contexts
// are cached, so these run once per change, not per call.
import type { Db } from '../../../db/database.ts';
import type { DialplanTenant } from './extension-provider.ts';
import type { ExtensionRecord } from '../../../domain/extensions/extensions.repository.ts';
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

export function dialplanRepository(db: Db) {
  return {
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

    async dids(): Promise<InboundDid[]> {
      const rows = await db.account.findMany({
        where: { type: 'did', active: true, tenant: { active: true }, NOT: { destinationType: '' } },
        select: { id: true, phone: true, destinationType: true, destinationValue: true, callerIdPrefix: true, tenant: { select: tenantSelect } },
        orderBy: { phone: 'asc' },
      });
      return rows.flatMap(({ phone, ...r }) => (r.tenant ? [{ ...r, number: phone, tenant: r.tenant }] : []));
    },
  };
}

export type DialplanRepository = ReturnType<typeof dialplanRepository>;
