// SIP extensions in the database, with their tenant's domain and name and their user's username.
// Secrets stay sealed here: the service decides who may see them opened.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

const include = { tenant: { select: { domain: true, domainUuid: true, name: true } }, user: { select: { username: true } } } as const;
type ExtensionRow = Prisma.ExtensionGetPayload<{ include: typeof include }>;

export interface ExtensionRecord {
  id: string;
  tenantId: number;
  userId: number | null;
  extension: string;
  numberAlias: string;
  passwordEnc: string;
  displayName: string;
  effectiveCallerIdName: string;
  effectiveCallerIdNumber: string;
  outboundCallerIdName: string;
  outboundCallerIdNumber: string;
  emergencyCallerIdName: string;
  emergencyCallerIdNumber: string;
  directoryFirstName: string;
  directoryLastName: string;
  directoryVisible: boolean;
  directoryExtenVisible: boolean;
  accountcode: string;
  tollAllow: string;
  callTimeout: number;
  callGroup: string;
  userRecord: string;
  holdMusic: string;
  absoluteCodecString: string;
  authAcl: string;
  cidr: string;
  doNotDisturb: boolean;
  followMeEnabled: boolean;
  forwardAllEnabled: boolean;
  forwardAllDestination: string;
  forwardBusyEnabled: boolean;
  forwardBusyDestination: string;
  forwardNoAnswerEnabled: boolean;
  forwardNoAnswerDestination: string;
  forwardUserNotRegisteredEnabled: boolean;
  forwardUserNotRegisteredDestination: string;
  voicemailEnabled: boolean;
  voicemailPasswordEnc: string;
  voicemailMailTo: string;
  enabled: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  domain: string;
  domainUuid: string;
  tenantName: string;
  /** The assigned user's username. */
  username: string | null;
}

export type ExtensionFields = Partial<Omit<ExtensionRecord, 'id' | 'createdAt' | 'updatedAt' | 'domain' | 'domainUuid' | 'tenantName' | 'username'>>;

export interface ExtensionFilter {
  tenantId?: number;
  userId?: number;
  extension?: string;
  enabled?: boolean;
  displayName?: string;
}

function toRecord({ tenant, user, ...row }: ExtensionRow): ExtensionRecord {
  return { ...row, domain: tenant.domain, domainUuid: tenant.domainUuid, tenantName: tenant.name, username: user?.username ?? null };
}

/** The number an extension row holds a wanted number with: its own, else its alias. */
const heldNumber = (row: { extension: string; numberAlias: string }, wanted: readonly string[]) => (wanted.includes(row.extension) ? row.extension : row.numberAlias);

export function extensionsRepository(db: Db) {
  return {
    async findById(id: string): Promise<ExtensionRecord | null> {
      const row = await db.extension.findUnique({ where: { id }, include });
      return row && toRecord(row);
    },
    async findByIds(ids: readonly string[]): Promise<ExtensionRecord[]> {
      return (await db.extension.findMany({ where: { id: { in: [...ids] } }, include })).map(toRecord);
    },
    /** Which of `numbers` extensions of the tenant hold, as their number or their alias. */
    async holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string }[]> {
      const rows = await db.extension.findMany({
        where: { tenantId, OR: [{ extension: { in: [...numbers] } }, { numberAlias: { in: [...numbers] } }] },
        select: { id: true, extension: true, numberAlias: true },
      });
      return rows.map((r) => ({ number: heldNumber(r, numbers), id: r.id }));
    },
    /** The tenant's extensions forwarding (an enabled forward) to extension `value`. */
    async pointingAt(tenantId: number, kind: string, value: string): Promise<string[]> {
      if (kind !== 'extension') return [];
      const rows = await db.extension.findMany({
        where: {
          tenantId,
          OR: [
            { forwardAllEnabled: true, forwardAllDestination: value },
            { forwardBusyEnabled: true, forwardBusyDestination: value },
            { forwardNoAnswerEnabled: true, forwardNoAnswerDestination: value },
            { forwardUserNotRegisteredEnabled: true, forwardUserNotRegisteredDestination: value },
          ],
        },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    /** The numbers of the tenant's extensions whose hold_music is the music-on-hold class `name`. */
    async playingHoldMusic(tenantId: number, name: string): Promise<string[]> {
      const rows = await db.extension.findMany({ where: { tenantId, holdMusic: name }, select: { extension: true }, orderBy: { extension: 'asc' } });
      return rows.map((r) => r.extension);
    },
    /** Every number the tenant's extensions hold, aliases included. */
    async numbers(tenantId: number): Promise<string[]> {
      const rows = await db.extension.findMany({ where: { tenantId }, select: { extension: true, numberAlias: true } });
      return rows.flatMap((r) => (r.numberAlias ? [r.extension, r.numberAlias] : [r.extension]));
    },
    async list(filter: ExtensionFilter, p: Paging) {
      const where: Prisma.ExtensionWhereInput = filter;
      const [rows, total] = await Promise.all([
        db.extension.findMany({ where, include, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.extension.count({ where }),
      ]);
      return { items: rows.map(toRecord), total };
    },
    async create(data: ExtensionFields & { tenantId: number; extension: string; passwordEnc: string }): Promise<ExtensionRecord> {
      return toRecord(await db.extension.create({ data, include }));
    },
    async update(id: string, data: ExtensionFields): Promise<ExtensionRecord> {
      return toRecord(await db.extension.update({ where: { id }, data, include }));
    },
    async delete(id: string): Promise<void> {
      await db.extension.delete({ where: { id } });
    },
  };
}

export type ExtensionsRepository = ReturnType<typeof extensionsRepository>;
