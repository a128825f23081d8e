// The few PBX facts live call control needs: whose extensions, which caller id, which gateways.
import type { Db } from '../../db/database.ts';

export interface CallingExtension {
  id: string;
  tenantId: number;
  userId: number | null;
  extension: string;
  enabled: boolean;
  displayName: string;
  effectiveCallerIdName: string;
  effectiveCallerIdNumber: string;
  outboundCallerIdName: string;
  outboundCallerIdNumber: string;
  callTimeout: number;
}

export interface ProviderGateway {
  id: number;
  gatewayUuid: string;
  tenantId: number | null;
  name: string;
  profile: string;
  register: boolean;
  active: boolean;
}

const extensionSelect = {
  id: true,
  tenantId: true,
  userId: true,
  extension: true,
  enabled: true,
  displayName: true,
  effectiveCallerIdName: true,
  effectiveCallerIdNumber: true,
  outboundCallerIdName: true,
  outboundCallerIdNumber: true,
  callTimeout: true,
} as const;

const gatewaySelect = { id: true, gatewayUuid: true, tenantId: true, name: true, profile: true, register: true, active: true } as const;

export function pbxLookupsRepository(db: Db) {
  return {
    /** The extension numbers a user owns. */
    async extensionsOfUser(userId: number): Promise<string[]> {
      return (await db.extension.findMany({ where: { userId }, select: { extension: true } })).map((e) => e.extension);
    },
    extension: (tenantId: number, number: string): Promise<CallingExtension | null> =>
      db.extension.findUnique({ where: { tenantId_extension: { tenantId, extension: number } }, select: extensionSelect }),
    /** An extension's number and domain, for a directory cache flush. */
    async extensionAddress(id: string): Promise<{ extension: string; domain: string } | null> {
      const row = await db.extension.findUnique({ where: { id }, select: { extension: true, tenant: { select: { domain: true } } } });
      return row && { extension: row.extension, domain: row.tenant.domain };
    },
    /** The tenant's first active caller id number. */
    async callerId(tenantId: number): Promise<{ number: string; name: string } | null> {
      const cid = await db.account.findFirst({ where: { tenantId, type: 'cid', active: true }, orderBy: { id: 'asc' }, select: { phone: true, firstName: true } });
      return cid && { number: cid.phone, name: cid.firstName };
    },
    /** A conference room's number and its tenant's domain (the running conference is <extension>-<domain>). */
    async conferenceRoom(id: string): Promise<{ id: string; tenantId: number; extension: string; domain: string } | null> {
      const row = await db.conference.findUnique({ where: { id }, select: { id: true, tenantId: true, extension: true, tenant: { select: { domain: true } } } });
      return row && { id: row.id, tenantId: row.tenantId, extension: row.extension, domain: row.tenant.domain };
    },
    /** Providers of these tenants (null: shared), or all when not given. */
    gateways: (tenantIds?: (number | null)[]): Promise<ProviderGateway[]> =>
      db.provider.findMany({
        where: tenantIds ? { OR: tenantIds.map((tenantId) => ({ tenantId })) } : {},
        select: gatewaySelect,
        orderBy: { id: 'asc' },
      }),
  };
}

export type PbxLookups = ReturnType<typeof pbxLookupsRepository>;
