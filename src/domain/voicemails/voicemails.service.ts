// Voicemail boxes of a tenant's extensions, and their greetings. Scoping: the super-admin reaches
// all, a tenant admin its tenant's (another tenant's box or greeting is not found). One box per
// extension (409 for a second). The box's PIN, e-mail address and on/off state are the
// extension's own fields, written through here and by the extension's form alike; the PIN is
// sealed, checked by the same rules, and shown only to those holding voicemail_password.
// Greetings are checked from their bytes (WAV PCM or MP3) and written where mod_voicemail reads
// them (voicemail-storage.ts); deleting one removes its file.
import { authorize, can, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { MediaStore } from '../../infra/media-store.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DestinationTargets } from '../dialable/targets.ts';
import { checkVoicemailPin } from '../extensions/extension-rules.ts';
import { checkAudio } from '../media/audio-format.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { boxSegments, greetingFileName } from './voicemail-storage.ts';
import type { BoxExtensionFields, GreetingRecord, VoicemailFields, VoicemailRecord, VoicemailsRepository } from './voicemails.repository.ts';
import {
  GreetingFilter,
  GreetingUpload,
  MAX_GREETINGS,
  VoicemailCreate,
  VoicemailFilter,
  VoicemailUpdate,
  type VoicemailCreateInput,
  type VoicemailGreetingView,
  type VoicemailUpdateInput,
  type VoicemailView,
} from './voicemails.schema.ts';

const SORTABLE = { voicemail_id: 'number', date_created: 'createdAt' };

/** A box as adapters see it: the PIN opened for those allowed, null for everyone else. */
export type Voicemail = VoicemailRecord & { pin: string | null };

export function greetingView(g: GreetingRecord): VoicemailGreetingView {
  return {
    voicemailGreetingUuid: g.id,
    voicemailUuid: g.voicemailId,
    greetingId: g.greetingId,
    greetingName: g.name,
    greetingFilename: g.fileName,
    greetingDescription: g.description,
    greetingFormat: g.format,
    greetingSize: g.size,
    greetingChosen: g.voicemail.greetingId === g.greetingId,
    dateCreated: unixSeconds(g.createdAt),
  };
}

export function voicemailView(v: Voicemail): VoicemailView {
  return {
    voicemailUuid: v.id,
    tenantId: v.tenantId,
    tenantName: v.tenant.name,
    domainUuid: v.tenant.domainUuid,
    domainName: v.tenant.domain,
    extensionUuid: v.extensionId,
    voicemailId: v.extension.extension,
    ...(v.pin !== null ? { voicemailPassword: v.pin } : {}),
    voicemailMailTo: v.extension.voicemailMailTo,
    voicemailSmsTo: v.smsTo,
    voicemailTranscriptionEnabled: v.transcriptionEnabled,
    voicemailFile: v.file,
    voicemailLocalAfterEmail: v.keepLocalAfterEmail,
    voicemailTutorial: v.tutorial,
    voicemailRecordingInstructions: v.recordingInstructions,
    voicemailRecordingOptions: v.recordingOptions,
    voicemailAlternateGreetId: v.alternateGreetId,
    voicemailEnabled: v.extension.voicemailEnabled,
    voicemailDescription: v.description,
    greetingId: v.greetingId,
    greetings: v.greetings.map(greetingView),
    greetingCount: v.greetings.length,
    dateCreated: unixSeconds(v.createdAt),
    lastUpdated: unixSeconds(v.updatedAt),
  };
}

export interface GreetingUploadInput {
  file: { field: string; fileName: string; bytes: Uint8Array } | null;
  fields: Record<string, string>;
}

export function createVoicemailsService(deps: {
  voicemails: VoicemailsRepository;
  tenants: TenantsRepository;
  secrets: SecretBox;
  media: MediaStore;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { voicemails, secrets, media, targets, changes, activity } = deps;

  /** A box that DIDs, menus or groups send callers to keeps taking messages (409 otherwise). */
  async function notPointedAt(v: VoicemailRecord, what: string): Promise<void> {
    const pointing = await targets.referrers(v.tenantId, 'voicemail', v.extension.extension);
    if (pointing.length) throw conflict(`Voicemail ${v.extension.extension} is the destination of ${pointing.map((p) => `${p.type} ${p.id}`).join(', ')}: point those elsewhere before you ${what} it`);
  }

  const present = (v: VoicemailRecord, ctx: Ctx): Voicemail => ({
    ...v,
    pin: can(ctx.actor!, 'voicemail_password') && v.extension.voicemailPasswordEnc ? secrets.open(v.extension.voicemailPasswordEnc) : null,
  });

  async function visible(id: string, ctx: Ctx, permission: string): Promise<VoicemailRecord> {
    authorize(ctx, permission);
    const found = await voicemails.findById(id);
    if (!found || !reachesTenant(ctx.actor, found.tenantId)) throw notFound('Voicemail');
    return found;
  }

  function fieldsOf(input: VoicemailCreateInput | VoicemailUpdateInput, greetings: readonly GreetingRecord[] | null): VoicemailFields {
    if (input.greetingId !== undefined && input.greetingId !== null && !greetings?.some((g) => g.greetingId === input.greetingId)) {
      throw validationFailed('greetingId', 'names no greeting of the box');
    }
    const fields: VoicemailFields = {
      file: input.voicemailFile,
      keepLocalAfterEmail: input.voicemailLocalAfterEmail,
      smsTo: input.voicemailSmsTo,
      transcriptionEnabled: input.voicemailTranscriptionEnabled,
      tutorial: input.voicemailTutorial,
      recordingInstructions: input.voicemailRecordingInstructions,
      recordingOptions: input.voicemailRecordingOptions,
      alternateGreetId: input.voicemailAlternateGreetId,
      greetingId: input.greetingId,
      description: input.voicemailDescription,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as VoicemailFields;
  }

  /** What the input writes to the extension; a PIN sent back as stored (the form PUTs what it read) is no change. */
  function extensionFieldsOf(input: VoicemailCreateInput | VoicemailUpdateInput, number: string, sealedPin: string): BoxExtensionFields {
    const out: BoxExtensionFields = {};
    if (input.voicemailEnabled !== undefined) out.voicemailEnabled = input.voicemailEnabled;
    if (input.voicemailMailTo !== undefined) out.voicemailMailTo = input.voicemailMailTo;
    const pin = input.voicemailPassword;
    if (pin !== undefined && !(sealedPin !== '' && secrets.open(sealedPin) === pin)) {
      checkVoicemailPin(pin, number);
      out.voicemailPasswordEnc = secrets.seal(pin);
    }
    return out;
  }

  async function announce(v: VoicemailRecord, ctx: Ctx, action: string, what: string): Promise<void> {
    // The box renders in its extension's directory user: the extension's change labels re-render it.
    await changes.publish({ entity: 'voicemail', tenantId: v.tenantId, id: v.extensionId, domain: v.tenant.domain });
    await activity.record(ctx as AuthedCtx, action, `${what} Voicemail ${v.extension.extension}@${v.tenant.domain} -ID:${v.id}`, { tenantId: v.tenantId });
  }

  async function boxOf(id: string, ctx: Ctx, permission: string): Promise<VoicemailRecord> {
    try {
      return await visible(id, ctx, permission);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) throw validationFailed('voicemailUuid', 'names no voicemail box of yours');
      throw err;
    }
  }

  async function visibleGreeting(id: string, ctx: Ctx, permission: string): Promise<GreetingRecord> {
    authorize(ctx, permission);
    const found = await voicemails.greeting(id);
    if (!found || !reachesTenant(ctx.actor, found.tenantId)) throw notFound('Voicemail greeting');
    return found;
  }

  return {
    present,

    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<Voicemail>> {
      authorize(ctx, 'voicemail_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'voicemail_id');
      const filter = parse(VoicemailFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await voicemails.list({ tenantIds: tenants?.tenantIds as number[] | undefined, number: filter.voicemailId, enabled: filter.voicemailEnabled }, p);
      return page(
        items.map((v) => present(v, ctx)),
        total,
        p,
      );
    },

    get: async (id: string, ctx: Ctx): Promise<Voicemail> => present(await visible(id, ctx, 'voicemail_read'), ctx),

    async create(raw: unknown, ctx: Ctx): Promise<Voicemail> {
      authorize(ctx, 'voicemail_create');
      const input = parse(VoicemailCreate, raw);
      const tenantId = (await owningTenant(ctx as AuthedCtx, input.tenantId, { shared: false, exists: async (id) => !!(await deps.tenants.findById(id)) }))!;
      const ext = await voicemails.extension(tenantId, input.voicemailId);
      if (!ext) throw validationFailed('voicemailId', 'names no extension of the tenant');
      if (ext.voicemailId !== null) throw conflict(`Extension ${ext.extension} has a voicemail box already: edit that one`);
      const fields = fieldsOf(input, []);
      const extension = extensionFieldsOf(input, ext.extension, ext.voicemailPasswordEnc);
      const created = await voicemails.create({ ...fields, tenantId, extensionId: ext.id }, { voicemailEnabled: true, ...extension });
      await announce(created, ctx, 'voicemail_created', 'Create');
      return present(created, ctx);
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<Voicemail> {
      const before = await visible(id, ctx, 'voicemail_update');
      const input = parse(VoicemailUpdate, raw);
      if (input.voicemailId !== undefined && input.voicemailId !== before.extension.extension) throw validationFailed('voicemailId', "is the box's extension: it cannot change");
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', "is the box's tenant: it cannot change");
      if (input.voicemailEnabled === false && before.extension.voicemailEnabled) await notPointedAt(before, 'disable');
      const updated = await voicemails.update(before, fieldsOf(input, before.greetings), extensionFieldsOf(input, before.extension.extension, before.extension.voicemailPasswordEnc));
      await announce(updated, ctx, 'voicemail_updated', 'Update');
      return present(updated, ctx);
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const found = await visible(id, ctx, 'voicemail_delete');
      await notPointedAt(found, 'delete');
      await voicemails.delete(id, found.extensionId);
      await Promise.all(found.greetings.map((g) => media.remove([...boxSegments(found.tenant.domain, found.extension.extension), g.fileName])));
      await announce(found, ctx, 'voicemail_deleted', 'Delete');
    },

    async greetings(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<GreetingRecord>> {
      authorize(ctx, 'voicemail_list');
      const { list, filters } = splitList(query);
      const p = paging(list, { greeting_id: 'greetingId' }, 'greeting_id');
      const filter = parse(GreetingFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await voicemails.greetings({ tenantIds: tenants?.tenantIds as number[] | undefined, voicemailId: filter.voicemailUuid }, p);
      return page(items, total, p);
    },

    greeting: (id: string, ctx: Ctx) => visibleGreeting(id, ctx, 'voicemail_read'),

    /** Stores an uploaded greeting in its box (a number already taken is replaced). */
    async uploadGreeting(upload: GreetingUploadInput, ctx: Ctx): Promise<GreetingRecord> {
      authorize(ctx, 'voicemail_update');
      const input = parse(GreetingUpload, upload.fields);
      const box = await boxOf(input.voicemailUuid, ctx, 'voicemail_update');
      if (!upload.file) throw validationFailed('file', 'is required: the greeting as multipart/form-data');
      const audio = checkAudio(upload.file.bytes, 'file');
      const taken = new Set(box.greetings.map((g) => g.greetingId));
      const greetingId = input.greetingId !== undefined ? Number(input.greetingId) : [...Array(MAX_GREETINGS).keys()].map((i) => i + 1).find((n) => !taken.has(n));
      if (greetingId === undefined) throw conflict(`The box has ${MAX_GREETINGS} greetings already: delete one first`);
      const fileName = greetingFileName(greetingId, audio.format);
      const dir = boxSegments(box.tenant.domain, box.extension.extension);
      await media.write([...dir, fileName], upload.file.bytes);
      // A replaced greeting of the other format leaves no file behind.
      const replaced = box.greetings.find((g) => g.greetingId === greetingId && g.fileName !== fileName);
      if (replaced) await media.remove([...dir, replaced.fileName]);
      const saved = await voicemails.saveGreeting({
        tenantId: box.tenantId,
        voicemailId: box.id,
        greetingId,
        name: input.greetingName || upload.file.fileName.slice(0, 64).replace(/[${}]/g, ''),
        fileName,
        description: input.greetingDescription ?? '',
        format: audio.format,
        size: upload.file.bytes.byteLength,
      });
      await announce(box, ctx, 'voicemail_greeting_uploaded', `Upload greeting ${greetingId} to`);
      return saved;
    },

    async removeGreeting(id: string, ctx: Ctx): Promise<void> {
      const g = await visibleGreeting(id, ctx, 'voicemail_update');
      const box = (await voicemails.findById(g.voicemailId))!;
      await voicemails.deleteGreeting(g);
      await media.remove([...boxSegments(box.tenant.domain, box.extension.extension), g.fileName]);
      await announce(box, ctx, 'voicemail_greeting_deleted', `Delete greeting ${g.greetingId} of`);
    },
  };
}

export type VoicemailsService = ReturnType<typeof createVoicemailsService>;
