// The rest of the /users/:id sub-resources: credit, per-user config (forwarding, DND, ...), the
// fax accounts a user owns, its session status, and impersonation tokens.
import type { Config } from '../../config.ts';
import { authorize, can, requireActor, type Ctx } from '../../context.ts';
import { editionGated, forbidden, notFound, validationFailed } from '../../errors.ts';
import type { AccountFilter, AccountRecord, AccountsRepository } from '../accounts/accounts.repository.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { Session } from '../auth/auth.service.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import type { UserRecord, UsersRepository } from './users.repository.ts';
import type { UsersService } from './users.service.ts';

export const CONFIG_NAME = /^[a-z0-9_:.-]{1,64}$/;
export const CONFIG_VALUE_MAX = 64 * 1024;

const ACCOUNT_SORTABLE = { account_id: 'id', id: 'id', username: 'username', date_created: 'createdAt' };

export function createUserDetailsService(deps: {
  config: Config;
  users: UsersRepository;
  accounts: AccountsRepository;
  usersService: Pick<UsersService, 'visible'>;
  /** Signs a full session for a user (the auth service's issue). */
  issue: (user: UserRecord) => Session;
  activity: ActivityLog;
}) {
  const { users, usersService, activity } = deps;

  function checkConfigName(name: string): void {
    if (!CONFIG_NAME.test(name)) throw validationFailed('configName', `must match pattern "${CONFIG_NAME.source}"`);
  }

  return {
    /** ICTCore's legacy credit adjustment: the amount is added to the balance (negative to debit). */
    async addCredit(userId: number, amount: number, ctx: Ctx): Promise<UserRecord> {
      requireActor(ctx);
      if (deps.config.edition === 'community') throw editionGated('User credit');
      if (!ctx.actor.isAdmin) throw forbidden('Only a super-admin may adjust credit');
      if (!Number.isFinite(amount)) throw validationFailed('credit', 'must be a finite number');
      const user = await usersService.visible(userId, ctx, 'user_update');
      const updated = await users.addCredit(user.id, amount);
      await activity.record(ctx, 'user_credit', `Credit of User [${user.username} -ID:${user.id}] adjusted by ${amount}`, { tenantId: user.tenantId });
      return updated;
    },

    /** A per-user config value as it was stored (any JSON value); 404 when never set. */
    async getConfig(userId: number, name: string, ctx: Ctx): Promise<unknown> {
      checkConfigName(name);
      const user = await usersService.visible(userId, ctx);
      const stored = await users.getConfig(user.id, name);
      if (stored === null) throw notFound(`Config ${name}`);
      return JSON.parse(stored);
    },

    /** Stores any JSON value (a text body is a JSON string) as JSON text under the name. */
    async setConfig(userId: number, name: string, value: unknown, ctx: Ctx): Promise<void> {
      checkConfigName(name);
      if (value === undefined) throw validationFailed('body', 'is required');
      const text = JSON.stringify(value);
      if (text.length > CONFIG_VALUE_MAX) throw validationFailed('body', `must be at most ${CONFIG_VALUE_MAX} characters`);
      const user = await usersService.visible(userId, ctx, 'user_update');
      await users.setConfig(user.id, name, text);
      // The value may be private (a forwarding number); the log names the setting only.
      await activity.record(ctx, 'user_config', `Set config ${name} of User [${user.username} -ID:${user.id}]`, { tenantId: user.tenantId });
    },

    async accountsOf(userId: number, query: ListQuery & Omit<AccountFilter, 'userId' | 'tenantId'>, ctx: Ctx): Promise<Page<AccountRecord>> {
      const user = await usersService.visible(userId, ctx);
      const p = paging(query, ACCOUNT_SORTABLE, 'account_id');
      const { type, username, phone, email, active } = query;
      const { items, total } = await deps.accounts.list({ userId: user.id, type, username, phone, email, active }, p);
      return page(items, total, p);
    },

    /** ICTCore's session status: "login" or "logout". */
    async status(userId: number, ctx: Ctx): Promise<string> {
      return (await usersService.visible(userId, ctx)).status;
    },

    /**
     * A full session as the user, for support staff. A tenant admin may only become users with
     * no permission beyond its own, so never a super-admin.
     */
    async impersonate(userId: number, ctx: Ctx): Promise<Session> {
      authorize(ctx, 'user_admin');
      const user = await usersService.visible(userId, ctx);
      const actor = ctx.actor;
      if (!actor.isAdmin) {
        const beyond = user.permissions.filter((p) => !can(actor, p));
        if (beyond.length) throw forbidden(`You cannot impersonate ${user.username}: it holds permission(s) you do not (${beyond.join(', ')})`);
      }
      if (!user.active) throw forbidden('User account is disabled');
      const session = deps.issue(user);
      await activity.record(ctx, 'impersonate', `Impersonate User [${user.username} -ID:${user.id}]`, { tenantId: user.tenantId });
      return session;
    },
  };
}

export type UserDetailsService = ReturnType<typeof createUserDetailsService>;
