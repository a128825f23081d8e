// SIP trunks. A provider is also the PBX "gateway" (same row, addressed by gateway_uuid).
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';
import { tenantWhere } from '../shared/tenant-where.ts';

export interface ProviderRecord {
  id: number;
  gatewayUuid: string;
  tenantId: number | null;
  name: string;
  type: string;
  host: string;
  port: number;
  username: string;
  passwordEnc: string;
  realm: string;
  fromUser: string;
  fromDomain: string;
  authUsername: string;
  registerProxy: string;
  outboundProxy: string;
  register: boolean;
  expireSeconds: number;
  retrySeconds: number;
  callerIdInFrom: boolean;
  transport: string;
  contactParams: string;
  extension: string;
  distinctTo: boolean;
  suppressCng: boolean;
  sipCidType: string;
  extensionInContact: boolean;
  contactInPing: boolean;
  pingSeconds: number;
  pingMin: number;
  pingMax: number;
  codecPrefs: string;
  context: string;
  outboundCallerId: string;
  channels: number;
  weight: number;
  serviceFlag: number;
  prefix: string;
  profile: string;
  active: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  /** The owning tenant's name and domain (null: shared). */
  tenant: { name: string; domain: string } | null;
}

export type ProviderFields = Partial<Omit<ProviderRecord, 'id' | 'gatewayUuid' | 'createdAt' | 'updatedAt' | 'tenant'>>;

export interface ProviderFilter {
  tenantIds?: (number | null)[];
  serviceFlags?: number[];
  name?: string;
  host?: string;
  type?: string;
  active?: boolean;
}

const include = { tenant: { select: { name: true, domain: true } } } as const;

function where(filter: ProviderFilter): Prisma.ProviderWhereInput {
  return {
    ...tenantWhere(filter.tenantIds),
    serviceFlag: filter.serviceFlags ? { in: filter.serviceFlags } : undefined,
    name: filter.name,
    host: filter.host,
    type: filter.type,
    active: filter.active,
  };
}

export function providersRepository(db: Db) {
  return {
    findById: (id: number): Promise<ProviderRecord | null> => db.provider.findUnique({ where: { id }, include }),
    findByIds: (ids: readonly number[]): Promise<ProviderRecord[]> => db.provider.findMany({ where: { id: { in: [...ids] } }, include }),
    findByGatewayUuid: (gatewayUuid: string): Promise<ProviderRecord | null> => db.provider.findUnique({ where: { gatewayUuid }, include }),
    async list(filter: ProviderFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.provider.findMany({ where: where(filter), include, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.provider.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    /** The domain of a tenant (where a trunk of it may send calls), or null when there is no such tenant. */
    tenantDomain: async (tenantId: number): Promise<string | null> => (await db.tenant.findUnique({ where: { id: tenantId }, select: { domain: true } }))?.domain ?? null,
    /** Outbound routes leaving through the provider. */
    routeCount: (id: number) => db.route.count({ where: { providerId: id } }),
    create: (data: ProviderFields & { name: string; host: string }): Promise<ProviderRecord> => db.provider.create({ data, include }),
    update: (id: number, data: ProviderFields): Promise<ProviderRecord> => db.provider.update({ where: { id }, data, include }),
    async delete(id: number): Promise<void> {
      await db.provider.delete({ where: { id } });
    },
  };
}

export type ProvidersRepository = ReturnType<typeof providersRepository>;
