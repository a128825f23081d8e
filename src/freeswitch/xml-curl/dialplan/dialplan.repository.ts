// What the dialplan renderers read: a tenant's enabled extensions, its outbound routes (its own
// and the shared ones) with their providers, its caller id, and every live DID. Rendered contexts
// are cached, so these run once per change, not per call.
import type { Db } from '../../../db/database.ts';
import type { DialplanTenant } from './extension-provider.ts';
import type { ExtensionRecord } from '../../../domain/extensions/extensions.repository.ts';

const tenantSelect = { id: true, domain: true, domainUuid: true, maxConcurrentCalls: true } as const;

/** An enabled extension as the dialplan routes to it. */
export type LocalExtension = Pick<
  ExtensionRecord,
  | 'extension'
  | 'callTimeout'
  | 'doNotDisturb'
  | 'forwardAllEnabled'
  | 'forwardAllDestination'
  | 'forwardBusyEnabled'
  | 'forwardBusyDestination'
  | 'forwardNoAnswerEnabled'
  | 'forwardNoAnswerDestination'
  | 'voicemailEnabled'
>;

export interface OutboundRoute {
  id: number;
  pattern: string;
  strip: number;
  prepend: string;
  priority: number;
  serviceFlag: number;
  tollType: string;
  provider: { id: number; gatewayUuid: string; tenantId: number | null; active: boolean; prefix: string };
}

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
          callTimeout: true,
          doNotDisturb: true,
          forwardAllEnabled: true,
          forwardAllDestination: true,
          forwardBusyEnabled: true,
          forwardBusyDestination: true,
          forwardNoAnswerEnabled: true,
          forwardNoAnswerDestination: true,
          voicemailEnabled: true,
        },
        orderBy: { extension: 'asc' },
      });
    },

    /** The tenant's active routes and the shared ones, in trying order. */
    async outboundRoutes(tenantId: number): Promise<OutboundRoute[]> {
      return db.route.findMany({
        where: { active: true, OR: [{ tenantId }, { tenantId: null }] },
        select: {
          id: true,
          pattern: true,
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
      return db.callerId.findFirst({ where: { tenantId, active: true }, select: { number: true, name: true }, orderBy: { id: 'asc' } });
    },

    async dids(): Promise<InboundDid[]> {
      const rows = await db.did.findMany({
        where: { active: true, tenant: { active: true }, NOT: { destinationType: '' } },
        select: { id: true, number: true, destinationType: true, destinationValue: true, callerIdPrefix: true, tenant: { select: tenantSelect } },
        orderBy: { number: 'asc' },
      });
      return rows.flatMap((r) => (r.tenant ? [{ ...r, tenant: r.tenant }] : []));
    },
  };
}

export type DialplanRepository = ReturnType<typeof dialplanRepository>;
