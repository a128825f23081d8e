// Users, scoped as the reference's §3.5 says: the super-admin reaches everyone, a tenant admin
// the users of its tenant, an end user only itself. Unreachable users are "not found".
import type { Config } from '../../config.ts';
import { authorize, can, requireActor, scopeOf, type Actor, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, forbidden, mfaRequired, notFound, unauthorized, validationFailed } from '../../errors.ts';
import { hashPassword } from '../../security/passwords.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { ADMIN_ROLE, USER_ROLE } from '../roles/catalogue.ts';
import type { RolesRepository } from '../roles/roles.repository.ts';
import type { PasswordPolicyService } from '../settings/password-policy.service.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { Input, parse } from '../shared/schema.ts';
import type { SessionGrants } from '../auth/session-grants.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { UserFields, UserFilter, UserRecord, UsersRepository } from './users.repository.ts';
import { Password, UserCreate, UserFilter as UserFilterSchema, UserUpdate, type UserUpdateInput, type UserView } from './users.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

export interface UserInput extends UserFields {
  username?: string;
  password?: string;
  /** Role ids to grant on create (ICTCore's role_id, or several). */
  roleIds?: number[];
}

const PasswordOnly = Input({ password: Password });

/** `secondFactorPending`: read by the user itself with an MFA-pending token, so `verify` is 0. */
export function userView(u: UserRecord, { secondFactorPending = false } = {}): UserView {
  return {
    userId: u.id,
    id: u.id,
    tenantId: u.tenantId,
    username: u.username,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    phone: u.phone,
    contact: u.mobile,
    mobile: u.mobile,
    address: u.address,
    company: u.company,
    countryId: u.countryId,
    timezoneId: u.timezoneId,
    active: u.active,
    credit: u.credit,
    status: u.status,
    roles: u.roles.map((r) => r.name).join(','),
    roleIds: u.roles.map((r) => r.id),
    isAdmin: u.permissions.includes('super_admin'),
    isTenant: u.permissions.includes('user_admin'),
    userPermission: u.permissions.join(','),
    mfaEnabled: u.mfaEnabled,
    verify: u.mfaEnabled && !secondFactorPending ? 1 : 0,
    authType: u.mfaEnabled ? 'app' : '',
    appsecret: u.mfaEnabled ? 'enrolled' : '',
    dailyLimit: u.dailyLimit,
    monthlyLimit: u.monthlyLimit,
    quotaExtensions: u.quotaExtensions,
    quotaDevices: u.quotaDevices,
    quotaRingGroups: u.quotaRingGroups,
    quotaCallQueues: u.quotaCallQueues,
    quotaIvrMenus: u.quotaIvrMenus,
    quotaVoicemail: u.quotaVoicemail,
    quotaConference: u.quotaConference,
    quotaMusicOnHold: u.quotaMusicOnHold,
    allowedTimeslot: u.allowedTimeslot,
    allowedDays: u.allowedDays,
    dateCreated: unixSeconds(u.createdAt),
    lastUpdated: unixSeconds(u.updatedAt),
    lastLogin: u.lastLoginAt ? unixSeconds(u.lastLoginAt) : null,
  };
}

/**
 * A checked input as the service writes it: the form's `contact` is the mobile number, ICTCore's
 * role_id one of the roles, a cleared number input (null) leaves its column as it was.
 */
function inputOf(checked: UserUpdateInput): UserInput {
  const { contact, roleId, roleIds, confirmPassword, ...rest } = checked;
  if (confirmPassword !== undefined && rest.password !== undefined && confirmPassword !== rest.password) {
    throw validationFailed('confirmPassword', 'must equal password');
  }
  const fields = Object.fromEntries(
    Object.entries(rest).filter(([k, v]) => v !== undefined && (v !== null || ['tenantId', 'countryId', 'timezoneId'].includes(k))),
  ) as UserInput;
  if (contact !== undefined && fields.mobile === undefined) fields.mobile = contact;
  const roles = roleIds ?? (roleId !== undefined ? [roleId] : undefined);
  return roles ? { ...fields, roleIds: roles } : fields;
}

const SORTABLE = {
  user_id: 'id',
  id: 'id',
  username: 'username',
  email: 'email',
  first_name: 'firstName',
  last_name: 'lastName',
  date_created: 'createdAt',
};

/** Whether the actor may see this user at all. */
export function reaches(user: UserRecord, actor: Actor): boolean {
  const scope = scopeOf(actor);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'tenant') return user.tenantId === scope.tenantId;
  return user.id === scope.userId;
}

export function createUsersService(deps: {
  config: Config;
  users: UsersRepository;
  roles: RolesRepository;
  tenants: TenantsRepository;
  policy: PasswordPolicyService;
  activity: ActivityLog;
  grants: Pick<SessionGrants, 'grant'>;
}) {
  const { users, roles, activity } = deps;

  async function visible(id: number, ctx: Ctx, permission = 'user_read'): Promise<UserRecord> {
    authorize(ctx, permission);
    const user = await users.findById(id);
    if (!user || !reaches(user, ctx.actor)) throw notFound('User');
    return user;
  }

  /** Only the super-admin may hand out the admin role; nobody grants what is not theirs to grant. */
  async function checkAssignableRoles(roleIds: number[], ctx: Ctx & { actor: Actor }): Promise<void> {
    const found = await roles.findByIds(roleIds);
    const missing = roleIds.filter((id) => !found.some((r) => r.id === id));
    if (missing.length) throw validationFailed('roleId', `names unknown role(s): ${missing.join(', ')}`);
    if (!ctx.actor.isAdmin && found.some((r) => r.name === ADMIN_ROLE || r.permissions.some((p) => p.name === 'super_admin'))) {
      throw forbidden('Only a super-admin may grant the admin role');
    }
    if (ctx.actor.isAdmin) return;
    for (const role of found) {
      const beyond = role.permissions.filter((p) => !can(ctx.actor, p.name)).map((p) => p.name);
      if (beyond.length) throw forbidden(`Role ${role.name} carries permission(s) you do not hold: ${beyond.join(', ')}`);
    }
  }

  /**
   * Usernames and e-mail addresses are unique across tenants (either one logs in). Below the
   * super-admin the 409 does not say which of the two is taken, nor whose it is.
   */
  async function checkUnique(input: UserInput, ctx: AuthedCtx, exceptId?: number) {
    const clash = (which: string) => conflict(ctx.actor.isAdmin ? `${which} already exists` : 'That username or e-mail address is already in use');
    if (input.username !== undefined && (await users.usernameTaken(input.username, exceptId))) throw clash('Username');
    if (input.email && (await users.emailTaken(input.email, exceptId))) throw clash('Email');
  }

  /** The columns a new password writes, once it is allowed and meets the policy. */
  async function passwordChange(user: UserRecord, password: string, ctx: AuthedCtx) {
    authorize(ctx, user.id === ctx.actor.id ? 'enduser_password' : 'user_password');
    await deps.policy.check(password);
    // A new password ends every other session (keepCallerSession keeps the caller's own).
    return { passwordHash: await hashPassword(password), passwordChangedAt: new Date(), tokenVersion: user.tokenVersion + 1 };
  }

  /** The caller who changed its own password goes on with the token it came with. */
  async function keepCallerSession(before: UserRecord, after: UserRecord, ctx: AuthedCtx): Promise<void> {
    if (before.id === ctx.actor.id && ctx.token && after.tokenVersion !== before.tokenVersion) {
      await deps.grants.grant(ctx.token, after.id, after.tokenVersion);
    }
  }

  async function setPassword(id: number, given: unknown, ctx: Ctx): Promise<UserRecord> {
    requireActor(ctx);
    const { password } = parse(PasswordOnly, { password: given });
    const user = await visible(id, ctx, id === ctx.actor.id ? 'enduser_password' : 'user_password');
    const updated = await users.update(user.id, await passwordChange(user, password, ctx));
    await keepCallerSession(user, updated, ctx);
    await activity.record(ctx, 'password_changed', `Password of ${user.username} changed`, { tenantId: user.tenantId });
    return updated;
  }

  return {
    reaches,
    get: (id: number, ctx: Ctx) => visible(id, ctx),

    /** The one read an MFA-pending token may make: its own user. */
    async selfWhileMfaPending(id: number, mfaUserId: number | undefined): Promise<UserRecord> {
      if (mfaUserId === undefined) throw unauthorized('Authentication required');
      if (id !== mfaUserId) throw mfaRequired();
      const user = await users.findById(id);
      if (!user) throw unauthorized();
      return user;
    },
    visible,

    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<UserRecord>> {
      authorize(ctx, 'user_read');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'user_id');
      const scope = scopeOf(ctx.actor);
      const { userId, id, after, before, ...rest } = parse(UserFilterSchema, filters);
      const filter: UserFilter = {
        ...rest,
        id: userId ?? id,
        createdAfter: after !== undefined ? new Date(after * 1000) : undefined,
        createdBefore: before !== undefined ? new Date(before * 1000) : undefined,
      };
      if (scope.kind === 'tenant') {
        if (filter.tenantId !== undefined && filter.tenantId !== scope.tenantId) return page([], 0, p);
        filter.tenantId = scope.tenantId;
      } else if (scope.kind === 'self') {
        if (filter.id !== undefined && filter.id !== scope.userId) return page([], 0, p);
        filter.id = scope.userId;
      }
      const { items, total } = await users.list(filter, p);
      return page(items, total, p);
    },

    /** A page of users for each tenant at once (GraphQL's Tenant.users), scoped as list() is. */
    async listByTenants(tenantIds: readonly number[], query: ListQuery & Omit<UserFilter, 'tenantId'>, ctx: Ctx): Promise<Page<UserRecord>[]> {
      authorize(ctx, 'user_read');
      const p = paging(query, SORTABLE, 'user_id');
      const scope = scopeOf(ctx.actor);
      const filter: Omit<UserFilter, 'tenantId'> = { ...query };
      if (scope.kind === 'self') {
        if (filter.id !== undefined && filter.id !== scope.userId) return tenantIds.map(() => page([], 0, p));
        filter.id = scope.userId;
      }
      const reachable = scope.kind === 'tenant' ? tenantIds.filter((id) => id === scope.tenantId) : tenantIds;
      const pages = reachable.length ? await users.listByTenants(reachable, filter, p) : new Map();
      return tenantIds.map((id) => page(pages.get(id)?.items ?? [], pages.get(id)?.total ?? 0, p));
    },

    async create(body: unknown, ctx: Ctx): Promise<UserRecord> {
      authorize(ctx, 'user_create');
      const input = inputOf(parse(UserCreate, body)) as UserInput & { username: string; password: string };
      const scope = scopeOf(ctx.actor);
      // A tenant admin's users belong to its own tenant; the super-admin names the tenant.
      if (scope.kind !== 'all' && input.tenantId != null && input.tenantId !== scope.tenantId) throw forbidden('Only a super-admin may create users in another tenant');
      const tenantId = scope.kind === 'all' ? (input.tenantId ?? null) : scope.tenantId;
      if (scope.kind === 'all' && tenantId !== null && !(await deps.tenants.findById(tenantId))) {
        throw validationFailed('tenantId', 'names no tenant');
      }
      await checkUnique(input, ctx);
      await deps.policy.check(input.password);
      const userRole = await roles.findByName(USER_ROLE);
      const roleIds = input.roleIds?.length ? input.roleIds : [userRole!.id];
      await checkAssignableRoles(roleIds, ctx);
      const { password, roleIds: _ignored, ...fields } = input;
      const user = await users.create({ ...fields, tenantId, passwordHash: await hashPassword(password) }, roleIds);
      await activity.record(ctx, 'user_created', `Create New User ${user.username} -ID:${user.id}`, { tenantId: user.tenantId });
      return user;
    },

    async update(id: number, body: unknown, ctx: Ctx): Promise<UserRecord> {
      const input = inputOf(parse(UserUpdate, body));
      const user = await visible(id, ctx, 'user_update');
      requireActor(ctx);
      if (input.username !== undefined && input.username !== user.username) throw validationFailed('username', 'cannot be changed');
      const scope = scopeOf(ctx.actor);
      const fields: UserFields = { ...input };
      delete (fields as UserInput).username;
      delete (fields as UserInput).password;
      delete (fields as UserInput).roleIds;
      if (scope.kind !== 'all') {
        // Moving users between tenants and adjusting credit belong to the super-admin.
        if (input.tenantId !== undefined && input.tenantId !== user.tenantId) throw forbidden('Only a super-admin may move a user to another tenant');
        if (input.credit !== undefined && input.credit !== user.credit) throw forbidden('Only a super-admin may change credit');
        if (scope.kind === 'self' && input.active !== undefined && input.active !== user.active) throw forbidden('Users cannot (de)activate themselves');
      } else if (input.tenantId != null && !(await deps.tenants.findById(input.tenantId))) {
        throw validationFailed('tenantId', 'names no tenant');
      }
      await checkUnique({ email: input.email }, ctx, id);
      // Everything is checked before anything is written, and written in one statement.
      const password = input.password !== undefined ? await passwordChange(user, input.password, ctx) : {};
      const updated = await users.update(id, { ...fields, ...password });
      await keepCallerSession(user, updated, ctx);
      if (input.password !== undefined) await activity.record(ctx, 'password_changed', `Password of ${user.username} changed`, { tenantId: user.tenantId });
      await activity.record(ctx, 'user_updated', `Update User [${user.username} -ID:${user.id}]: ${Object.keys(input).join(', ')}`, { tenantId: user.tenantId });
      return updated;
    },

    setPassword,

    async remove(id: number, ctx: Ctx): Promise<void> {
      const user = await visible(id, ctx, 'user_delete');
      if (user.id === ctx.actor!.id) throw forbidden('You cannot delete your own account');
      if (user.permissions.includes('super_admin') && !ctx.actor!.isAdmin) throw forbidden('Only a super-admin may delete a super-admin');
      await users.delete(id);
      await activity.record(ctx, 'user_deleted', `Delete User ${user.username} -ID:${user.id}`, { tenantId: user.tenantId });
    },

    checkAssignableRoles,
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
