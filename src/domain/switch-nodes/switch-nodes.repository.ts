// FreeSWITCH nodes controlled over the Event Socket. The password stays sealed here.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface SwitchNodeRecord {
  id: number;
  name: string;
  host: string;
  port: number;
  passwordEnc: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type SwitchNodeFields = Partial<Pick<SwitchNodeRecord, 'name' | 'host' | 'port' | 'passwordEnc' | 'enabled'>>;

export interface SwitchNodeFilter {
  name?: string;
  host?: string;
  enabled?: boolean;
}

export function switchNodesRepository(db: Db) {
  return {
    findById: (id: number): Promise<SwitchNodeRecord | null> => db.switchNode.findUnique({ where: { id } }),
    async nameTaken(name: string, exceptId?: number): Promise<boolean> {
      const row = await db.switchNode.findUnique({ where: { name }, select: { id: true } });
      return !!row && row.id !== exceptId;
    },
    enabled: (): Promise<SwitchNodeRecord[]> => db.switchNode.findMany({ where: { enabled: true }, orderBy: { id: 'asc' } }),
    async list(filter: SwitchNodeFilter, p: Paging) {
      const where: Prisma.SwitchNodeWhereInput = filter;
      const [items, total] = await Promise.all([
        db.switchNode.findMany({ where, skip: p.skip, take: p.take, orderBy: { [p.sortField]: p.order } }),
        db.switchNode.count({ where }),
      ]);
      return { items, total };
    },
    create: (data: SwitchNodeFields & { name: string; host: string; passwordEnc: string }): Promise<SwitchNodeRecord> => db.switchNode.create({ data }),
    update: (id: number, data: SwitchNodeFields): Promise<SwitchNodeRecord> => db.switchNode.update({ where: { id }, data }),
    async delete(id: number): Promise<void> {
      await db.switchNode.delete({ where: { id } });
    },
  };
}

export type SwitchNodesRepository = ReturnType<typeof switchNodesRepository>;
