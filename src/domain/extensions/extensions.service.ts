// SIP extensions (FusionPBX's v_extensions as ICTPBX exposes them). Scoping: the super-admin
// reaches all, a tenant admin its tenant's, an end user only the extensions assigned to it.
// Secrets are sealed at rest and opened only for actors holding fpbx_extension_password. Every
// input is checked against the schema (extensions.schema.ts) first; extension-rules.ts holds what
// a schema cannot say.
import { authorize, can, scopeOf, type Actor, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableConflict, DialableNumbers } from '../dialable/numbers.ts';
import type { DestinationTargets } from '../dialable/targets.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { owningTenant, queriedTenant } from '../shared/tenancy.ts';
import type { HoldMusicChecker } from '../music-on-hold/music-on-hold.service.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { checkExtensionState, checkSipPassword, checkVoicemailPin, generateSipPassword, generateVoicemailPin } from './extension-rules.ts';
import type { ExtensionFields, ExtensionFilter, ExtensionRecord, ExtensionsRepository } from './extensions.repository.ts';
import {
  EXTENSION_NUMBER,
  ExtensionAssign,
  ExtensionCreate,
  ExtensionFilter as ExtensionFilterSchema,
  ExtensionUpdate,
  type ExtensionCheckView,
  type ExtensionCreateInput,
  type ExtensionUpdateInput,
  type ExtensionView,
} from './extensions.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

/** An extension as adapters see it: secrets opened for those allowed, null for everyone else. */
export type Extension = Omit<ExtensionRecord, 'passwordEnc' | 'voicemailPasswordEnc'> & {
  password: string | null;
  voicemailPassword: string | null;
};

const DEFAULT_EXTENSION_START = 1000;

const SORTABLE = {
  extension: 'extension',
  extension_uuid: 'id',
  display_name: 'displayName',
  date_created: 'createdAt',
  enabled: 'enabled',
};

export function extensionView(e: Extension): ExtensionView {
  return {
    extensionUuid: e.id,
    tenantId: e.tenantId,
    tenantName: e.tenantName,
    domainUuid: e.domainUuid,
    domainName: e.domain,
    userId: e.userId,
    linkedUserId: e.userId,
    linkedUsername: e.username,
    extension: e.extension,
    numberAlias: e.numberAlias,
    ...(e.password !== null ? { password: e.password } : {}),
    extensionType: 'voice',
    displayName: e.displayName,
    effectiveCallerIdName: e.effectiveCallerIdName,
    effectiveCallerIdNumber: e.effectiveCallerIdNumber,
    outboundCallerIdName: e.outboundCallerIdName,
    outboundCallerIdNumber: e.outboundCallerIdNumber,
    emergencyCallerIdName: e.emergencyCallerIdName,
    emergencyCallerIdNumber: e.emergencyCallerIdNumber,
    directoryFirstName: e.directoryFirstName,
    directoryLastName: e.directoryLastName,
    directoryVisible: e.directoryVisible,
    directoryExtenVisible: e.directoryExtenVisible,
    callTimeout: e.callTimeout,
    callGroup: e.callGroup,
    tollAllow: e.tollAllow,
    accountcode: e.accountcode,
    holdMusic: e.holdMusic,
    userContext: e.domain,
    doNotDisturb: e.doNotDisturb,
    userRecord: e.userRecord || 'none',
    absoluteCodecString: e.absoluteCodecString,
    followMeEnabled: e.followMeEnabled,
    forwardAllEnabled: e.forwardAllEnabled,
    forwardAllDestination: e.forwardAllDestination,
    forwardBusyEnabled: e.forwardBusyEnabled,
    forwardBusyDestination: e.forwardBusyDestination,
    forwardNoAnswerEnabled: e.forwardNoAnswerEnabled,
    forwardNoAnswerDestination: e.forwardNoAnswerDestination,
    forwardUserNotRegisteredEnabled: e.forwardUserNotRegisteredEnabled,
    forwardUserNotRegisteredDestination: e.forwardUserNotRegisteredDestination,
    authAcl: e.authAcl,
    cidr: e.cidr,
    voicemailEnabled: e.voicemailEnabled,
    ...(e.voicemailPassword !== null ? { voicemailPassword: e.voicemailPassword } : {}),
    voicemailMailTo: e.voicemailMailTo,
    faxEmail: null,
    enabled: e.enabled,
    description: e.description,
    dateCreated: unixSeconds(e.createdAt),
    lastUpdated: unixSeconds(e.updatedAt),
  };
}

/** What holds a number, in ICTPBX's server's words: "Extension", "Feature Code", "Ring Group". */
const labelOf = (type: string) => type.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

/** The fields an input writes: secrets apart, ICTPBX's fax fields refused until fax accounts exist. */
function fieldsOf(input: ExtensionCreateInput | ExtensionUpdateInput) {
  const { password, voicemailPassword, extensionType, faxEmail, ...rest } = input;
  if (extensionType === 'fax') throw validationFailed('extensionType', "must be 'voice': fax extensions need fax accounts, which Switchyard does not have yet");
  if (faxEmail) throw validationFailed('faxEmail', 'must be empty: fax extensions need fax accounts, which Switchyard does not have yet');
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as ExtensionFields;
  return { password, voicemailPassword, fields };
}

export function createExtensionsService(deps: {
  extensions: ExtensionsRepository;
  tenants: TenantsRepository;
  users: UsersRepository;
  secrets: SecretBox;
  dialable: DialableNumbers;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
  /** What hold_music may name: a music-on-hold class of the tenant or a stock stream (music-on-hold.service.ts). */
  holdMusic: HoldMusicChecker;
}) {
  const { extensions, secrets, dialable, targets, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  function reaches(ext: ExtensionRecord, actor: Actor): boolean {
    const scope = scopeOf(actor);
    if (scope.kind === 'all') return true;
    if (scope.kind === 'tenant') return ext.tenantId === scope.tenantId;
    return ext.userId === scope.userId;
  }

  function present(ext: ExtensionRecord, actor: Actor): Extension {
    const { passwordEnc, voicemailPasswordEnc, ...rest } = ext;
    const reveal = can(actor, 'fpbx_extension_password');
    return { ...rest, password: reveal ? secrets.open(passwordEnc) : null, voicemailPassword: reveal ? secrets.open(voicemailPasswordEnc) : null };
  }

  async function visible(id: string, ctx: Ctx, permission: string): Promise<ExtensionRecord> {
    authorize(ctx, permission);
    const ext = await extensions.findById(id);
    if (!ext || !reaches(ext, ctx.actor)) throw notFound('Extension');
    return ext;
  }

  async function checkUser(userId: number | null | undefined, tenantId: number, field: string): Promise<void> {
    if (userId === null || userId === undefined) return;
    const user = await deps.users.findById(userId);
    if (!user || user.tenantId !== tenantId) throw validationFailed(field, 'names no user of the extension’s tenant');
  }

  /** The extension's number and alias must be free across everything dialable in the tenant. */
  async function checkFree(tenantId: number, numbers: string[], except?: string): Promise<void> {
    for (const number of numbers) {
      const taken = await dialable.conflicts(tenantId, number, except ? { type: 'extension', id: except } : undefined);
      if (taken.length) throw conflict(`Number ${number} is already in use (${taken.map((c) => c.type).join(', ')})`);
    }
  }

  /**
   * Nothing may point at the numbers the extension gives up (its number, its alias): as an
   * extension or as a voicemail box, from any module (DIDs, ring groups' members, IVR options, time
   * conditions, call flows, follow-me, call block, other extensions' forwards).
   */
  async function checkUnreferenced(ext: ExtensionRecord, numbers: string[], doing: string): Promise<void> {
    for (const number of numbers) {
      const found = await Promise.all((['extension', 'voicemail'] as const).map((kind) => targets.referrers(ext.tenantId, kind, number)));
      const others = found.flat().filter((r) => !(r.type === 'extension' && r.id === ext.id));
      if (others.length) throw conflict(`Extension ${number} cannot be ${doing}: ${others.map((r) => `${r.type} ${r.id}`).join(', ')} points at it`);
    }
  }

  async function announce(ext: ExtensionRecord): Promise<void> {
    await changes.publish({ entity: 'extension', tenantId: ext.tenantId, id: ext.id, domain: ext.domain });
  }

  async function list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<Extension>> {
    authorize(ctx, 'fpbx_extension_list');
    const { list, filters } = splitList(query);
    const p = paging(list, SORTABLE, 'extension');
    const filter: ExtensionFilter = parse(ExtensionFilterSchema, filters);
    const scope = scopeOf(ctx.actor);
    if (scope.kind === 'tenant') {
      if (filter.tenantId !== undefined && filter.tenantId !== scope.tenantId) return page([], 0, p);
      filter.tenantId = scope.tenantId;
    } else if (scope.kind === 'self') {
      if (filter.userId !== undefined && filter.userId !== scope.userId) return page([], 0, p);
      filter.userId = scope.userId;
    }
    const { items, total } = await extensions.list(filter, p);
    return page(
      items.map((e) => present(e, ctx.actor)),
      total,
      p,
    );
  }

  /** A secret sent back as it is stored (the edit form PUTs what it read) is not a change. */
  const unchanged = (given: string | undefined, sealed: string) => given !== undefined && sealed !== '' && given === secrets.open(sealed);

  return {
    list,

    async get(id: string, ctx: Ctx): Promise<Extension> {
      const ext = await visible(id, ctx, 'fpbx_extension_read');
      return present(ext, ctx.actor!);
    },

    /** Creates the extension; the SIP password and voicemail PIN are generated when omitted. */
    async create(raw: unknown, ctx: Ctx): Promise<Extension> {
      authorize(ctx, 'fpbx_extension_create');
      const input = parse(ExtensionCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const { password, voicemailPassword, fields } = fieldsOf(input);
      const number = input.extension;
      checkExtensionState({ ...fields, extension: number });
      if (password !== undefined) checkSipPassword(password, number);
      if (voicemailPassword !== undefined) checkVoicemailPin(voicemailPassword, number);
      await checkUser(fields.userId, tenantId, 'userId');
      if (fields.holdMusic) fields.holdMusic = await deps.holdMusic(tenantId, fields.holdMusic);
      await checkFree(tenantId, fields.numberAlias ? [number, fields.numberAlias] : [number]);
      const ext = await extensions.create({
        ...fields,
        extension: number,
        tenantId,
        passwordEnc: secrets.seal(password ?? generateSipPassword()),
        voicemailPasswordEnc: secrets.seal(voicemailPassword ?? generateVoicemailPin(number)),
      });
      await announce(ext);
      await activity.record(ctx, 'extension_created', `Create Extension ${ext.extension}@${ext.domain} -ID:${ext.id}`, { tenantId });
      return present(ext, ctx.actor);
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<Extension> {
      const before = await visible(id, ctx, 'fpbx_extension_update');
      const input = parse(ExtensionUpdate, raw);
      const { fields, ...secretsGiven } = fieldsOf(input);
      const password = unchanged(secretsGiven.password, before.passwordEnc) ? undefined : secretsGiven.password;
      const voicemailPassword = unchanged(secretsGiven.voicemailPassword, before.voicemailPasswordEnc) ? undefined : secretsGiven.voicemailPassword;
      if (fields.tenantId !== undefined && fields.tenantId !== before.tenantId) {
        throw validationFailed('tenantId', 'cannot be changed: create the extension in the other tenant');
      }
      const state = { ...before, ...fields };
      checkExtensionState(state);
      if (password !== undefined) checkSipPassword(password, state.extension);
      if (voicemailPassword !== undefined) checkVoicemailPin(voicemailPassword, state.extension);
      await checkUser(fields.userId, before.tenantId, 'userId');
      // The form PUTs back what it read: only a new value is checked (one stored before classes existed stays as it is).
      if (fields.holdMusic !== undefined && fields.holdMusic !== before.holdMusic) fields.holdMusic = await deps.holdMusic(before.tenantId, fields.holdMusic);
      const renumbered = [state.extension !== before.extension && state.extension, state.numberAlias !== before.numberAlias && state.numberAlias].filter((n): n is string => !!n);
      await checkFree(before.tenantId, renumbered, before.id);
      const givenUp = [before.extension, before.numberAlias].filter((n) => n !== '' && n !== state.extension && n !== state.numberAlias);
      await checkUnreferenced(before, givenUp, 'renumbered');
      const ext = await extensions.update(id, {
        ...fields,
        ...(password !== undefined ? { passwordEnc: secrets.seal(password) } : {}),
        ...(voicemailPassword !== undefined ? { voicemailPasswordEnc: secrets.seal(voicemailPassword) } : {}),
      });
      await announce(ext);
      const changed = [...Object.keys(fields), ...(password !== undefined ? ['password'] : []), ...(voicemailPassword !== undefined ? ['voicemailPassword'] : [])];
      await activity.record(ctx, 'extension_updated', `Update Extension ${ext.extension}@${ext.domain}: ${changed.join(', ')}`, { tenantId: ext.tenantId });
      return present(ext, ctx.actor!);
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const ext = await visible(id, ctx, 'fpbx_extension_delete');
      await checkUnreferenced(ext, ext.numberAlias ? [ext.extension, ext.numberAlias] : [ext.extension], 'deleted');
      await extensions.delete(id);
      await announce(ext);
      await activity.record(ctx, 'extension_deleted', `Delete Extension ${ext.extension}@${ext.domain} -ID:${ext.id}`, { tenantId: ext.tenantId });
    },

    /** Assigns the extension to a user of its tenant (`{ userId }`; 0 or null unassigns). */
    async assign(id: string, raw: unknown, ctx: Ctx): Promise<Extension> {
      const before = await visible(id, ctx, 'fpbx_extension_assign');
      const { userId } = parse(ExtensionAssign, raw);
      await checkUser(userId, before.tenantId, 'userId');
      const ext = await extensions.update(id, { userId });
      await announce(ext);
      await activity.record(ctx, 'extension_assigned', `Assign Extension ${ext.extension}@${ext.domain} to user ${userId ?? 'none'}`, {
        tenantId: ext.tenantId,
      });
      return present(ext, ctx.actor!);
    },

    /** Who holds a number in the tenant, across everything dialable. */
    async check(number: string, tenantId: number | undefined, ctx: Ctx): Promise<ExtensionCheckView> {
      authorize(ctx, 'fpbx_extension_create');
      if (!new RegExp(EXTENSION_NUMBER).test(number)) throw validationFailed('extension', 'must be 2 to 10 digits');
      const tenant = await queriedTenant(ctx, tenantId, tenantExists);
      const conflicts = (await dialable.conflicts(tenant, number)).map((c: DialableConflict) => ({ type: c.type, id: String(c.id) }));
      return conflicts.length === 0 ? { extension: number, available: true, conflicts } : { extension: number, available: false, usedBy: labelOf(conflicts[0].type), conflicts };
    },

    /** The lowest free number of `start` (default 1000) or more in the tenant. */
    async nextAvailable(start: number | undefined, tenantId: number | undefined, ctx: Ctx): Promise<string> {
      authorize(ctx, 'fpbx_extension_create');
      const from = start ?? DEFAULT_EXTENSION_START;
      if (!Number.isInteger(from) || from < 10 || from > 9_999_999_999) throw validationFailed('start', 'must be an integer from 10 to 9999999999');
      const tenant = await queriedTenant(ctx, tenantId, tenantExists);
      const next = await dialable.nextAvailable(tenant, from);
      if (next === null) throw conflict(`No free extension number from ${from}`);
      return next;
    },

    /**
     * Extensions that can serve as fax endpoints: until fax accounts exist, every enabled extension
     * in reach (so the client's `exclude_account_id`, a fax account, excludes nothing).
     */
    availableForFax: ({ excludeAccountId: _none, ...query }: ListQuery & Record<string, unknown>, ctx: Ctx) => list({ ...query, enabled: true }, ctx),
  };
}

export type ExtensionsService = ReturnType<typeof createExtensionsService>;
