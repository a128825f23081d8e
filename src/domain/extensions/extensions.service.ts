// SIP extensions (FusionPBX's v_extensions as ICTPBX exposes them). Scoping: the super-admin
// reaches all, a tenant admin its tenant's, an end user only the extensions assigned to it.
// Secrets are sealed at rest and opened only for actors holding fpbx_extension_password.
import { authorize, can, scopeOf, type Actor, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableConflict, DialableNumbers } from '../dialable/numbers.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import { owningTenant, queriedTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import {
  checkExtensionFields,
  checkExtensionNumber,
  checkSipPassword,
  checkVoicemailPin,
  generateSipPassword,
  generateVoicemailPin,
} from './extension-rules.ts';
import type { ExtensionFields, ExtensionFilter, ExtensionRecord, ExtensionsRepository } from './extensions.repository.ts';

/** An extension as adapters see it: secrets opened for those allowed, null for everyone else. */
export type Extension = Omit<ExtensionRecord, 'passwordEnc' | 'voicemailPasswordEnc'> & {
  password: string | null;
  voicemailPassword: string | null;
};

export type ExtensionInput = Omit<ExtensionFields, 'passwordEnc' | 'voicemailPasswordEnc'> & {
  password?: string;
  voicemailPassword?: string;
};

export interface ExtensionCheck {
  extension: string;
  available: boolean;
  conflicts: DialableConflict[];
}

export const DEFAULT_EXTENSION_START = 1000;

const SORTABLE = {
  extension: 'extension',
  extension_uuid: 'id',
  display_name: 'displayName',
  date_created: 'createdAt',
  enabled: 'enabled',
};

export function createExtensionsService(deps: {
  extensions: ExtensionsRepository;
  tenants: TenantsRepository;
  users: UsersRepository;
  secrets: SecretBox;
  dialable: DialableNumbers;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { extensions, secrets, dialable, changes, activity } = deps;
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

  async function checkFree(tenantId: number, number: string, except?: string): Promise<void> {
    const taken = await dialable.conflicts(tenantId, number, except ? { type: 'extension', id: except } : undefined);
    if (taken.length) throw conflict(`Extension ${number} is already in use (${taken.map((c) => c.type).join(', ')})`);
  }

  async function announce(ext: ExtensionRecord): Promise<void> {
    await changes.publish({ entity: 'extension', tenantId: ext.tenantId, id: ext.id, domain: ext.domain });
  }

  async function list(query: ListQuery & ExtensionFilter, ctx: Ctx): Promise<Page<Extension>> {
    authorize(ctx, 'fpbx_extension_list');
    const p = paging(query, SORTABLE, 'extension');
    const scope = scopeOf(ctx.actor);
    const filter: ExtensionFilter = {
      tenantId: query.tenantId,
      userId: query.userId,
      extension: query.extension,
      enabled: query.enabled,
      displayName: query.displayName,
    };
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

  return {
    list,

    async get(id: string, ctx: Ctx): Promise<Extension> {
      const ext = await visible(id, ctx, 'fpbx_extension_read');
      return present(ext, ctx.actor!);
    },

    /** Creates the extension; the SIP password and voicemail PIN are generated when omitted. */
    async create(input: ExtensionInput & { extension: string }, ctx: Ctx): Promise<Extension> {
      authorize(ctx, 'fpbx_extension_create');
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const { password, voicemailPassword, ...fields } = input;
      checkExtensionNumber(fields.extension);
      checkExtensionFields(fields);
      if (password !== undefined) checkSipPassword(password, fields.extension);
      if (voicemailPassword !== undefined) checkVoicemailPin(voicemailPassword, fields.extension);
      await checkUser(fields.userId, tenantId, 'userId');
      await checkFree(tenantId, fields.extension);
      const ext = await extensions.create({
        ...fields,
        tenantId,
        passwordEnc: secrets.seal(password ?? generateSipPassword()),
        voicemailPasswordEnc: secrets.seal(voicemailPassword ?? generateVoicemailPin(fields.extension)),
      });
      await announce(ext);
      await activity.record(ctx, 'extension_created', `Create Extension ${ext.extension}@${ext.domain} -ID:${ext.id}`, { tenantId });
      return present(ext, ctx.actor);
    },

    async update(id: string, input: ExtensionInput, ctx: Ctx): Promise<Extension> {
      const before = await visible(id, ctx, 'fpbx_extension_update');
      const { password, voicemailPassword, ...fields } = input;
      if (fields.tenantId !== undefined && fields.tenantId !== before.tenantId) {
        throw validationFailed('tenantId', 'cannot be changed: create the extension in the other tenant');
      }
      const number = fields.extension ?? before.extension;
      if (fields.extension !== undefined) checkExtensionNumber(fields.extension);
      checkExtensionFields({ ...before, ...fields });
      if (password !== undefined) checkSipPassword(password, number);
      if (voicemailPassword !== undefined) checkVoicemailPin(voicemailPassword, number);
      await checkUser(fields.userId, before.tenantId, 'userId');
      if (number !== before.extension) await checkFree(before.tenantId, number, before.id);
      const ext = await extensions.update(id, {
        ...fields,
        ...(password !== undefined ? { passwordEnc: secrets.seal(password) } : {}),
        ...(voicemailPassword !== undefined ? { voicemailPasswordEnc: secrets.seal(voicemailPassword) } : {}),
      });
      await announce(ext);
      await activity.record(ctx, 'extension_updated', `Update Extension ${ext.extension}@${ext.domain}: ${Object.keys(input).join(', ')}`, {
        tenantId: ext.tenantId,
      });
      return present(ext, ctx.actor!);
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const ext = await visible(id, ctx, 'fpbx_extension_delete');
      await extensions.delete(id);
      await announce(ext);
      await activity.record(ctx, 'extension_deleted', `Delete Extension ${ext.extension}@${ext.domain} -ID:${ext.id}`, { tenantId: ext.tenantId });
    },

    /** Assigns the extension to a user of its tenant; null unassigns. */
    async assign(id: string, userId: number | null, ctx: Ctx): Promise<Extension> {
      const before = await visible(id, ctx, 'fpbx_extension_assign');
      await checkUser(userId, before.tenantId, 'userId');
      const ext = await extensions.update(id, { userId });
      await announce(ext);
      await activity.record(ctx, 'extension_assigned', `Assign Extension ${ext.extension}@${ext.domain} to user ${userId ?? 'none'}`, {
        tenantId: ext.tenantId,
      });
      return present(ext, ctx.actor!);
    },

    /** Who holds a number in the tenant, across everything dialable. */
    async check(number: string, tenantId: number | undefined, ctx: Ctx): Promise<ExtensionCheck> {
      authorize(ctx, 'fpbx_extension_create');
      checkExtensionNumber(number, 'extension');
      const tenant = await queriedTenant(ctx, tenantId, tenantExists);
      const conflicts = await dialable.conflicts(tenant, number);
      return { extension: number, available: conflicts.length === 0, conflicts };
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

    /** Extensions that can serve as fax endpoints: until the fax module exists, every enabled extension in reach. */
    availableForFax: (query: ListQuery & ExtensionFilter, ctx: Ctx) => list({ ...query, enabled: true }, ctx),
  };
}

export type ExtensionsService = ReturnType<typeof createExtensionsService>;
