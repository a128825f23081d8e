// SIP trunks. A provider is also the PBX "gateway" (same row, addressed by gateway_uuid).
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';
import { tenantWhere } from '../shared/tenant-where.ts';

export interface ProviderRecord {
  id: number;
  gatewayUuid: string;
  tenantId: number | null;
  name: string;
  host: string;
  port: number;
  username: string;
  passwordEnc: string;
  realm: string;
  fromDomain: string;
  register: boolean;
  expireSeconds: number;
  retrySeconds: number;
  callerIdInFrom: boolean;
  transport: string;
  pingSeconds: number;
  serviceFlag: number;
  prefix: string;
  profile: string;
  active: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ProviderFields = Partial<Omit<ProviderRecord, 'id' | 'gatewayUuid' | 'createdAt' | 'updatedAt'>>;

export interface ProviderFilter {
  tenantIds?: (number | null)[];
  serviceFlags?: number[];
  name?: string;
  host?: string;
  active?: boolean;
}

function where(filter: ProviderFilter): Prisma.ProviderWhereInput {
  return {
    ...tenantWhere(filter.tenantIds),
    serviceFlag: filter.serviceFlags ? { in: filter.serviceFlags } : undefined,
    name: filter.name,
    host: filter.host,
    active: filter.active,
  };
}

export function providersRepository(db: Db) {
  return {
    findById: (id: number): Promise<ProviderRecord | null> => db.provider.findUnique({ where: { id } }),
    findByIds: (ids: readonly number[]): Promise<ProviderRecord[]> => db.provider.findMany({ where: { id: { in: [...ids] } } }),
    findByGatewayUuid: (gatewayUuid: string): Promise<ProviderRecord | null> => db.provider.findUnique({ where: { gatewayUuid } }),
    async list(filter: ProviderFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.provider.findMany({ where: where(filter), skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.provider.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    /** Outbound routes leaving through the provider. */
    routeCount: (id: number) => db.route.count({ where: { providerId: id } }),
    create: (data: ProviderFields & { name: string; host: string }): Promise<ProviderRecord> => db.provider.create({ data }),
    update: (id: number, data: ProviderFields): Promise<ProviderRecord> => db.provider.update({ where: { id }, data }),
    async delete(id: number): Promise<void> {
      await db.provider.delete({ where: { id } });
    },
  };
}

export type ProvidersRepository = ReturnType<typeof providersRepository>;
