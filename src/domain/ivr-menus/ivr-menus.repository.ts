// IVR menus in the database, with their tenant's domain and name and their options in order.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface IvrMenuOptionRecord {
  id: string;
  digits: string;
  action: string;
  param: string;
  destinationType: string;
  destinationValue: string;
  position: number;
  description: string;
  enabled: boolean;
}

export interface IvrMenuRecord {
  id: string;
  tenantId: number;
  name: string;
  extension: string;
  language: string;
  greetLong: string;
  greetShort: string;
  invalidSound: string;
  exitSound: string;
  timeout: number;
  maxFailures: number;
  maxTimeouts: number;
  exitApp: string;
  exitType: string;
  exitValue: string;
  directDial: boolean;
  enabled: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  options: IvrMenuOptionRecord[];
  tenant: { domain: string; domainUuid: string; name: string };
}

export type IvrMenuFields = Partial<Omit<IvrMenuRecord, 'id' | 'createdAt' | 'updatedAt' | 'options' | 'tenant'>>;
export type IvrMenuOptionFields = Omit<IvrMenuOptionRecord, 'id'>;

export interface IvrMenuFilter {
  tenantIds?: number[];
  extension?: string;
  name?: string;
  enabled?: boolean;
}

const optionSelect = { id: true, digits: true, action: true, param: true, destinationType: true, destinationValue: true, position: true, description: true, enabled: true } as const;

const select = {
  id: true,
  tenantId: true,
  name: true,
  extension: true,
  language: true,
  greetLong: true,
  greetShort: true,
  invalidSound: true,
  exitSound: true,
  timeout: true,
  maxFailures: true,
  maxTimeouts: true,
  exitApp: true,
  exitType: true,
  exitValue: true,
  directDial: true,
  enabled: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  options: { select: optionSelect, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
  tenant: { select: { domain: true, domainUuid: true, name: true } },
} satisfies Prisma.IvrMenuSelect;

function where(filter: IvrMenuFilter): Prisma.IvrMenuWhereInput {
  return {
    tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds },
    extension: filter.extension,
    name: filter.name === undefined ? undefined : { contains: filter.name },
    enabled: filter.enabled,
  };
}

/** The options as stored, each with its menu's tenant (destination lookups read it). */
const optionsOf = (tenantId: number, options: readonly IvrMenuOptionFields[]) => options.map((o) => ({ ...o, tenantId }));

export function ivrMenusRepository(db: Db) {
  return {
    findById: (id: string): Promise<IvrMenuRecord | null> => db.ivrMenu.findUnique({ where: { id }, select }),
    /** Which of `numbers` IVR menus of the tenant hold. */
    async holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string }[]> {
      const rows = await db.ivrMenu.findMany({ where: { tenantId, extension: { in: [...numbers] } }, select: { id: true, extension: true } });
      return rows.map((r) => ({ number: r.extension, id: r.id }));
    },
    async numbers(tenantId: number): Promise<string[]> {
      return (await db.ivrMenu.findMany({ where: { tenantId }, select: { extension: true } })).map((r) => r.extension);
    },
    /** The tenant's menus whose exit or one of whose options is the destination (type, value). */
    async pointingAt(tenantId: number, type: string, value: string): Promise<string[]> {
      const rows = await db.ivrMenu.findMany({
        where: { tenantId, OR: [{ exitType: type, exitValue: value }, { options: { some: { destinationType: type, destinationValue: value } } }] },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async list(filter: IvrMenuFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.ivrMenu.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.ivrMenu.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create(data: IvrMenuFields & { tenantId: number; name: string; extension: string }, options: readonly IvrMenuOptionFields[]): Promise<IvrMenuRecord> {
      return db.ivrMenu.create({ data: { ...data, options: { create: optionsOf(data.tenantId, options) } }, select });
    },
    /** Updates the menu; `options`, when given, replaces its options. */
    update(id: string, tenantId: number, data: IvrMenuFields, options?: readonly IvrMenuOptionFields[]): Promise<IvrMenuRecord> {
      const replace = options === undefined ? {} : { options: { deleteMany: {}, create: optionsOf(tenantId, options) } };
      return db.ivrMenu.update({ where: { id }, data: { ...data, ...replace }, select });
    },
    async delete(id: string): Promise<void> {
      await db.ivrMenu.delete({ where: { id } });
    },
  };
}

export type IvrMenusRepository = ReturnType<typeof ivrMenusRepository>;
