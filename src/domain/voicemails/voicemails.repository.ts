// Voicemail boxes and their greetings in the database. A box's number, PIN, e-mail address and
// on/off state are its extension's columns: read with the box, and written to the extension in the
// same transaction as the box. Secrets stay sealed here.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface GreetingRecord {
  id: string;
  tenantId: number;
  voicemailId: string;
  greetingId: number;
  name: string;
  fileName: string;
  description: string;
  format: string;
  size: number;
  createdAt: Date;
  /** Its box's chosen greeting number. */
  voicemail: { greetingId: number | null };
}

export interface VoicemailRecord {
  id: string;
  tenantId: number;
  extensionId: string;
  file: string;
  keepLocalAfterEmail: boolean;
  smsTo: string;
  transcriptionEnabled: boolean;
  tutorial: boolean;
  recordingInstructions: boolean;
  recordingOptions: boolean;
  alternateGreetId: string;
  greetingId: number | null;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  greetings: GreetingRecord[];
  extension: { extension: string; voicemailEnabled: boolean; voicemailPasswordEnc: string; voicemailMailTo: string };
  tenant: { domain: string; domainUuid: string; name: string };
}

export type VoicemailFields = Partial<
  Pick<
    VoicemailRecord,
    'file' | 'keepLocalAfterEmail' | 'smsTo' | 'transcriptionEnabled' | 'tutorial' | 'recordingInstructions' | 'recordingOptions' | 'alternateGreetId' | 'greetingId' | 'description'
  >
>;

/** What a box writes to its extension. */
export type BoxExtensionFields = Partial<{ voicemailEnabled: boolean; voicemailPasswordEnc: string; voicemailMailTo: string }>;

export interface VoicemailFilter {
  tenantIds?: number[];
  number?: string;
  enabled?: boolean;
}

const greetingSelect = {
  id: true,
  tenantId: true,
  voicemailId: true,
  greetingId: true,
  name: true,
  fileName: true,
  description: true,
  format: true,
  size: true,
  createdAt: true,
  voicemail: { select: { greetingId: true } },
} satisfies Prisma.VoicemailGreetingSelect;

const select = {
  id: true,
  tenantId: true,
  extensionId: true,
  file: true,
  keepLocalAfterEmail: true,
  smsTo: true,
  transcriptionEnabled: true,
  tutorial: true,
  recordingInstructions: true,
  recordingOptions: true,
  alternateGreetId: true,
  greetingId: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  greetings: { select: greetingSelect, orderBy: [{ greetingId: 'asc' }] },
  extension: { select: { extension: true, voicemailEnabled: true, voicemailPasswordEnc: true, voicemailMailTo: true } },
  tenant: { select: { domain: true, domainUuid: true, name: true } },
} satisfies Prisma.VoicemailSelect;

function where(filter: VoicemailFilter): Prisma.VoicemailWhereInput {
  const extension: Prisma.ExtensionWhereInput = {
    ...(filter.number === undefined ? {} : { extension: filter.number }),
    ...(filter.enabled === undefined ? {} : { voicemailEnabled: filter.enabled }),
  };
  return {
    tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds },
    extension: Object.keys(extension).length ? extension : undefined,
  };
}

const SORT_FIELDS: Record<string, (order: 'asc' | 'desc') => Prisma.VoicemailOrderByWithRelationInput> = {
  number: (order) => ({ extension: { extension: order } }),
  createdAt: (order) => ({ createdAt: order }),
};

export function voicemailsRepository(db: Db) {
  const writeExtension = (extensionId: string, data: BoxExtensionFields) => db.extension.update({ where: { id: extensionId }, data, select: { id: true } });
  return {
    findById: (id: string): Promise<VoicemailRecord | null> => db.voicemail.findUnique({ where: { id }, select }),
    findByIds: (ids: readonly string[]): Promise<VoicemailRecord[]> => db.voicemail.findMany({ where: { id: { in: [...ids] } }, select }),
    /** The extension numbered `number` in the tenant, and the box it has already. */
    async extension(tenantId: number, number: string): Promise<{ id: string; extension: string; voicemailPasswordEnc: string; voicemailId: string | null } | null> {
      const ext = await db.extension.findUnique({
        where: { tenantId_extension: { tenantId, extension: number } },
        select: { id: true, extension: true, voicemailPasswordEnc: true, voicemail: { select: { id: true } } },
      });
      return ext && { id: ext.id, extension: ext.extension, voicemailPasswordEnc: ext.voicemailPasswordEnc, voicemailId: ext.voicemail?.id ?? null };
    },
    /**
     * Where a new message of box `number` of the tenant of `domain` is e-mailed, and how: an
     * extension without a box row has the defaults the directory renders for it (attach, keep).
     */
    /**
     * Takes message `uuid` to mail it: true for the one caller whose claim went in, on any node
     * (the primary key decides); claims older than a month are dropped on the way.
     */
    async claimMailing(uuid: string): Promise<boolean> {
      await db.voicemailMailing.deleteMany({ where: { claimedAt: { lt: new Date(Date.now() - 30 * 86_400_000) } } });
      try {
        await db.voicemailMailing.create({ data: { messageUuid: uuid }, select: { messageUuid: true } });
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') return false;
        throw err;
      }
    },
    async mailSettings(domain: string, number: string): Promise<{ tenantId: number; mailTo: string; file: string; keepLocalAfterEmail: boolean } | null> {
      const ext = await db.extension.findFirst({
        where: { extension: number, tenant: { domain } },
        select: { tenantId: true, voicemailMailTo: true, voicemail: { select: { file: true, keepLocalAfterEmail: true } } },
      });
      return ext && { tenantId: ext.tenantId, mailTo: ext.voicemailMailTo, file: ext.voicemail?.file ?? 'attach', keepLocalAfterEmail: ext.voicemail?.keepLocalAfterEmail ?? true };
    },
    async list(filter: VoicemailFilter, p: Paging) {
      const orderBy = (SORT_FIELDS[p.sortField] ?? SORT_FIELDS.number)(p.order);
      const [items, total] = await Promise.all([
        db.voicemail.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [orderBy, { id: 'asc' }] }),
        db.voicemail.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    async create(data: VoicemailFields & { tenantId: number; extensionId: string }, extension: BoxExtensionFields): Promise<VoicemailRecord> {
      const [, created] = await db.$transaction([writeExtension(data.extensionId, extension), db.voicemail.create({ data, select })]);
      return created;
    },
    async update(before: Pick<VoicemailRecord, 'id' | 'extensionId'>, fields: VoicemailFields, extension: BoxExtensionFields): Promise<VoicemailRecord> {
      const [, updated] = await db.$transaction([writeExtension(before.extensionId, extension), db.voicemail.update({ where: { id: before.id }, data: fields, select })]);
      return updated;
    },
    /** Deletes the box (its greetings go with it); its extension takes no more messages. */
    async delete(id: string, extensionId: string): Promise<void> {
      await db.$transaction([db.voicemail.delete({ where: { id } }), writeExtension(extensionId, { voicemailEnabled: false })]);
    },

    greeting: (id: string): Promise<GreetingRecord | null> => db.voicemailGreeting.findUnique({ where: { id }, select: greetingSelect }),
    greetingsByIds: (ids: readonly string[]): Promise<GreetingRecord[]> => db.voicemailGreeting.findMany({ where: { id: { in: [...ids] } }, select: greetingSelect }),
    async greetings(filter: { tenantIds?: number[]; voicemailId?: string }, p: Paging) {
      const w: Prisma.VoicemailGreetingWhereInput = { tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds }, voicemailId: filter.voicemailId };
      const [items, total] = await Promise.all([
        db.voicemailGreeting.findMany({ where: w, select: greetingSelect, skip: p.skip, take: p.take, orderBy: [{ voicemailId: 'asc' }, { greetingId: 'asc' }] }),
        db.voicemailGreeting.count({ where: w }),
      ]);
      return { items, total };
    },
    /** Adds or replaces greeting `greetingId` of the box (a new upload to a taken number replaces it). */
    saveGreeting: (data: Omit<GreetingRecord, 'id' | 'createdAt' | 'voicemail'>): Promise<GreetingRecord> =>
      db.voicemailGreeting.upsert({
        where: { voicemailId_greetingId: { voicemailId: data.voicemailId, greetingId: data.greetingId } },
        create: data,
        update: { name: data.name, fileName: data.fileName, description: data.description, format: data.format, size: data.size },
        select: greetingSelect,
      }),
    /** Deletes the greeting; the box no longer chooses it. */
    async deleteGreeting(g: Pick<GreetingRecord, 'id' | 'voicemailId' | 'greetingId'>): Promise<void> {
      await db.$transaction([
        db.voicemailGreeting.delete({ where: { id: g.id } }),
        db.voicemail.updateMany({ where: { id: g.voicemailId, greetingId: g.greetingId }, data: { greetingId: null } }),
      ]);
    },
  };
}

export type VoicemailsRepository = ReturnType<typeof voicemailsRepository>;
