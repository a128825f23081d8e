// Conference rooms in the database, with their tenant's domain and name.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface ConferenceRecord {
  id: string;
  tenantId: number;
  name: string;
  extension: string;
  pinLength: number;
  pin: string;
  moderatorPin: string;
  pinRetries: number;
  greeting: string;
  maxMembers: number;
  record: boolean;
  waitMod: boolean;
  profile: string;
  holdMusic: string;
  enabled: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  tenant: { domain: string; domainUuid: string; name: string };
}

export type ConferenceFields = Partial<Omit<ConferenceRecord, 'id' | 'createdAt' | 'updatedAt' | 'tenant'>>;

export interface ConferenceFilter {
  tenantIds?: number[];
  extension?: string;
  name?: string;
  enabled?: boolean;
}

const select = {
  id: true,
  tenantId: true,
  name: true,
  extension: true,
  pinLength: true,
  pin: true,
  moderatorPin: true,
  pinRetries: true,
  greeting: true,
  maxMembers: true,
  record: true,
  waitMod: true,
  profile: true,
  holdMusic: true,
  enabled: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  tenant: { select: { domain: true, domainUuid: true, name: true } },
} satisfies Prisma.ConferenceSelect;

function where(filter: ConferenceFilter): Prisma.ConferenceWhereInput {
  return {
    tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds },
    extension: filter.extension,
    name: filter.name === undefined ? undefined : { contains: filter.name },
    enabled: filter.enabled,
  };
}

export function conferencesRepository(db: Db) {
  return {
    findById: (id: string): Promise<ConferenceRecord | null> => db.conference.findUnique({ where: { id }, select }),
    /** Which of `numbers` rooms of the tenant hold. */
    async holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string }[]> {
      const rows = await db.conference.findMany({ where: { tenantId, extension: { in: [...numbers] } }, select: { id: true, extension: true } });
      return rows.map((r) => ({ number: r.extension, id: r.id }));
    },
    /** The numbers of the tenant's rooms whose hold music is the music-on-hold class `name`. */
    async playingHoldMusic(tenantId: number, name: string): Promise<string[]> {
      const rows = await db.conference.findMany({ where: { tenantId, holdMusic: name }, select: { extension: true }, orderBy: { extension: 'asc' } });
      return rows.map((r) => r.extension);
    },
    async numbers(tenantId: number): Promise<string[]> {
      return (await db.conference.findMany({ where: { tenantId }, select: { extension: true } })).map((r) => r.extension);
    },
    async list(filter: ConferenceFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.conference.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.conference.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create(data: ConferenceFields & { tenantId: number; name: string; extension: string }): Promise<ConferenceRecord> {
      return db.conference.create({ data, select });
    },
    update(id: string, data: ConferenceFields): Promise<ConferenceRecord> {
      return db.conference.update({ where: { id }, data, select });
    },
    async delete(id: string): Promise<void> {
      await db.conference.delete({ where: { id } });
    },
  };
}

export type ConferencesRepository = ReturnType<typeof conferencesRepository>;
