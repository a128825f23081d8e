// Follow-me in the database, with its extension (number and follow_me_enabled, the state it is on
// by), its tenant's domain and name, and its destinations in order. Writing the enabled state
// writes the extension's column, in the same transaction as the follow-me.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface FollowMeDestinationRecord {
  id: string;
  number: string;
  /** extension or external, decided when written. */
  kind: string;
  delay: number;
  timeout: number;
  prompt: boolean;
  position: number;
}

export interface FollowMeRecord {
  id: string;
  tenantId: number;
  extensionId: string;
  cidNamePrefix: string;
  cidNumberPrefix: string;
  ignoreBusy: boolean;
  createdAt: Date;
  updatedAt: Date;
  destinations: FollowMeDestinationRecord[];
  extension: { extension: string; followMeEnabled: boolean };
  tenant: { domain: string; domainUuid: string; name: string };
}

export type FollowMeFields = Partial<Pick<FollowMeRecord, 'cidNamePrefix' | 'cidNumberPrefix' | 'ignoreBusy'>>;
export type FollowMeDestinationFields = Omit<FollowMeDestinationRecord, 'id' | 'position'>;

export interface FollowMeFilter {
  tenantIds?: number[];
  extensionId?: string;
  enabled?: boolean;
}

const select = {
  id: true,
  tenantId: true,
  extensionId: true,
  cidNamePrefix: true,
  cidNumberPrefix: true,
  ignoreBusy: true,
  createdAt: true,
  updatedAt: true,
  destinations: { select: { id: true, number: true, kind: true, delay: true, timeout: true, prompt: true, position: true }, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
  extension: { select: { extension: true, followMeEnabled: true } },
  tenant: { select: { domain: true, domainUuid: true, name: true } },
} satisfies Prisma.FollowMeSelect;

function where(filter: FollowMeFilter): Prisma.FollowMeWhereInput {
  return {
    tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds },
    extensionId: filter.extensionId,
    extension: filter.enabled === undefined ? undefined : { followMeEnabled: filter.enabled },
  };
}

/** The destinations as stored: their order is their place in the list. */
const destinationsOf = (destinations: readonly FollowMeDestinationFields[]) => destinations.map((d, position) => ({ ...d, position }));

export function followMeRepository(db: Db) {
  const setEnabled = (extensionId: string, followMeEnabled: boolean) => db.extension.update({ where: { id: extensionId }, data: { followMeEnabled }, select: { id: true } });
  return {
    findById: (id: string): Promise<FollowMeRecord | null> => db.followMe.findUnique({ where: { id }, select }),
    findByIds: (ids: readonly string[]): Promise<FollowMeRecord[]> => db.followMe.findMany({ where: { id: { in: [...ids] } }, select }),
    /** The extension a follow-me may belong to: its tenant, and the follow-me it has already. */
    async extension(id: string): Promise<{ id: string; tenantId: number; followMeId: string | null } | null> {
      const ext = await db.extension.findUnique({ where: { id }, select: { id: true, tenantId: true, followMe: { select: { id: true } } } });
      return ext && { id: ext.id, tenantId: ext.tenantId, followMeId: ext.followMe?.id ?? null };
    },
    /**
     * The tenant's follow-mes ringing extension `value` (an extension destination's kind), but for
     * the extension's own (it goes with the extension).
     */
    async pointingAt(tenantId: number, kind: string, value: string): Promise<string[]> {
      if (kind !== 'extension') return [];
      const rows = await db.followMe.findMany({
        where: {
          tenantId,
          destinations: { some: { kind: 'extension', number: value } },
          NOT: { extension: { is: { OR: [{ extension: value }, { numberAlias: value }] } } },
        },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async list(filter: FollowMeFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.followMe.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.followMe.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    async create(data: FollowMeFields & { tenantId: number; extensionId: string }, enabled: boolean, destinations: readonly FollowMeDestinationFields[]): Promise<FollowMeRecord> {
      const [, created] = await db.$transaction([
        setEnabled(data.extensionId, enabled),
        db.followMe.create({ data: { ...data, destinations: { create: destinationsOf(destinations) } }, select }),
      ]);
      return created;
    },
    /**
     * Updates the follow-me; `extensionId` moves it (the extension left behind is no longer
     * followed), `enabled` sets its extension's state, `destinations` replaces its destinations.
     */
    async update(
      before: Pick<FollowMeRecord, 'id' | 'extensionId'>,
      change: { fields: FollowMeFields; extensionId: string; enabled?: boolean; destinations?: readonly FollowMeDestinationFields[] },
    ): Promise<FollowMeRecord> {
      const { fields, extensionId, enabled, destinations } = change;
      const moved = extensionId !== before.extensionId;
      const replace = destinations === undefined ? {} : { destinations: { deleteMany: {}, create: destinationsOf(destinations) } };
      const writes = [
        ...(moved ? [setEnabled(before.extensionId, false)] : []),
        ...(enabled === undefined ? [] : [setEnabled(extensionId, enabled)]),
      ];
      const results = await db.$transaction([...writes, db.followMe.update({ where: { id: before.id }, data: { ...fields, extensionId, ...replace }, select })]);
      return results[results.length - 1] as FollowMeRecord;
    },
    /**
     * Sets the follow-me state of extension `number` of the tenant of `domain` (its toggle code);
     * the follow-me as it is then, or null when the extension has none.
     */
    async setEnabledByNumber(domain: string, number: string, enabled: boolean): Promise<FollowMeRecord | null> {
      const found = await db.followMe.findFirst({ where: { tenant: { domain }, extension: { extension: number } }, select: { id: true, extensionId: true } });
      if (!found) return null;
      await setEnabled(found.extensionId, enabled);
      return db.followMe.findUnique({ where: { id: found.id }, select });
    },
    /** Deletes the follow-me; its extension is no longer followed. */
    async delete(id: string, extensionId: string): Promise<void> {
      await db.$transaction([db.followMe.delete({ where: { id } }), setEnabled(extensionId, false)]);
    },
  };
}

export type FollowMeRepository = ReturnType<typeof followMeRepository>;
