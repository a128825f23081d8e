// Logging in and out: password check, lockout, tokens, revocation, and resolving a bearer token
// into an Actor on every request.
import type { Config } from '../../config.ts';
import { authorize, requireActor, type Actor, type Ctx, type TokenRef } from '../../context.ts';
import { forbidden, locked, notFound, passwordExpired, tooManyRequests, unauthorized } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { RateLimiter } from '../../infra/rate-limiter.ts';
import { DUMMY_HASH, verifyPassword } from '../../security/passwords.ts';
import type { AccessClaims, Claims, TokenSigner } from '../../security/tokens.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { parse } from '../shared/schema.ts';
import type { PasswordPolicyService } from '../settings/password-policy.service.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { UserRecord, UsersRepository } from '../users/users.repository.ts';
import { actorOf } from './actor.ts';
import { LoginInput } from './auth.schema.ts';
import { createBearerCache } from './bearer-cache.ts';
import { accountKey, type Lockout } from './lockout.ts';
import type { SessionGrants } from './session-grants.ts';
import { createVerifiedTokens } from './verified-tokens.ts';

export interface AuthDeps {
  config: Config;
  users: UsersRepository;
  tenants: Pick<TenantsRepository, 'isActive'>;
  lockout: Lockout;
  /** Its passwd_exp_limit: a password older than that logs in no more (426). */
  policy: Pick<PasswordPolicyService, 'expired'>;
  tokens: TokenSigner;
  activity: ActivityLog;
  loginLimiter: RateLimiter;
  /** Where writes to users, roles and tenants are announced; the bearer cache follows it. */
  changes: ChangeBus;
  grants: SessionGrants;
}

export interface Session {
  user: UserRecord;
  token: string;
  expiresIn: number;
}

export type LoginResult = ({ kind: 'session' } & Session) | { kind: 'mfa'; token: string; expiresIn: number };

/** What a bearer token resolves to: a full actor, or a user half-way through an MFA login. */
export type Bearer = { kind: 'actor'; actor: Actor; token: TokenRef } | { kind: 'mfa'; userId: number; token: TokenRef };

export function createAuthService(deps: AuthDeps) {
  const { config, users, lockout, tokens, activity } = deps;
  const verified = createVerifiedTokens(tokens);
  const access = createBearerCache({ users, tenants: deps.tenants, changes: deps.changes });

  function accessClaims(user: UserRecord): AccessClaims {
    const actor = actorOf(user);
    return {
      typ: 'access',
      user_id: user.id,
      username: user.username,
      tenant_id: user.tenantId,
      roles: actor.roles,
      is_admin: actor.isAdmin ? '1' : '0',
      is_tenant: actor.isTenantAdmin ? '1' : '0',
      user_permission: user.permissions.join(','),
      mfa_enabled: user.mfaEnabled ? '1' : '0',
      retention_permission: actor.isTenantAdmin && !actor.isAdmin && user.permissions.includes('retention_enabled') ? '1' : '0',
      ...(config.edition === 'enterprise' ? { credit: user.credit } : {}),
      ver: user.tokenVersion,
    };
  }

  /** A full session for a user who has proven who they are. */
  function issue(user: UserRecord): Session {
    return { user, token: tokens.sign(accessClaims(user), config.jwt.expiresIn), expiresIn: config.jwt.expiresIn };
  }

  /** Checks that the user and its tenant may act at all. */
  async function assertUsable(user: UserRecord): Promise<void> {
    if (!user.active) throw forbidden('User account is disabled');
    if (user.tenantId !== null && !(await deps.tenants.isActive(user.tenantId))) throw forbidden('Tenant is disabled');
  }

  /**
   * 423 while the account is locked out for the caller's address (wrong passwords or wrong MFA
   * codes), recorded in the activity log; while it is failing from anywhere, the attempt waits.
   */
  async function admit(user: UserRecord | null, login: string, ctx: Ctx): Promise<string> {
    const account = accountKey(user, login);
    const lockedSeconds = await lockout.lockedFor(account, ctx.ip);
    const subject = { userId: user?.id ?? null, tenantId: user?.tenantId ?? null, username: user?.username ?? login };
    if (lockedSeconds > 0) {
      await activity.record(ctx, 'login_locked', 'attempt during lockout', subject);
      throw locked(`Too many failed attempts; try again in ${Math.ceil(lockedSeconds)} s`, lockedSeconds);
    }
    if (await lockout.throttled(account)) {
      await activity.record(ctx, 'login_slowed', `failing from several addresses; waited ${config.login.slowdownMs} ms`, subject);
      await new Promise((resolve) => setTimeout(resolve, config.login.slowdownMs));
    }
    return account;
  }

  /**
   * Resolves a bearer token; throws 401 for anything not currently valid. What it checks is kept
   * in memory and dropped when a write changes it (bearer-cache.ts), so it usually reads nothing.
   */
  async function resolve(token: string): Promise<Bearer> {
    const claims = verified.verify(token);
    const user = await access.user(claims.user_id);
    if (!user) throw unauthorized('Token has been revoked');
    const ref = { id: claims.jti, exp: claims.exp };
    let pending = false;
    // Only the uncommon tokens read a grant: a pending one whose second factor may have been given
    // (on any node), or one kept across its user's password change.
    if (!(claims.typ === 'access' && claims.ver === user.tokenVersion) && !(await deps.grants.holds(ref, user.tokenVersion))) {
      if (claims.typ !== 'mfa' || claims.ver !== user.tokenVersion) throw unauthorized('Token has been revoked');
      if (claims.mfa_by * 1000 <= Date.now()) throw unauthorized('The second factor was not given in time; log in again');
      pending = true;
    }
    if (!user.active) throw unauthorized('User account is disabled');
    if (user.tenantId !== null && !(await access.tenantActive(user.tenantId))) throw unauthorized('Tenant is disabled');
    return pending ? { kind: 'mfa', userId: user.id, token: ref } : { kind: 'actor', actor: user.actor, token: ref };
  }

  return {
    issue,
    admit,

    /** Logs in with an e-mail address (as the ICTPBX form does), a username or a user id (ICTCore's LoginInput). */
    async login(given: unknown, ctx: Ctx): Promise<LoginResult> {
      const input = parse(LoginInput, given);
      const wait = deps.loginLimiter.hit(ctx.ip);
      if (wait > 0) {
        await activity.record(ctx, 'login_rate_limited', `from ${ctx.ip}`, { username: input.username ?? input.email ?? '' });
        throw tooManyRequests(wait);
      }
      const login = (input.email ?? input.username ?? (input.userId !== undefined ? String(input.userId) : '')).trim();
      if (!login) throw unauthorized('No valid username found');

      const user =
        input.userId !== undefined && !input.username && !input.email
          ? await users.findById(input.userId)
          : await users.findByLogin(login);
      const account = await admit(user, login, ctx);
      const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        await lockout.failed(account, ctx.ip);
        await activity.record(ctx, 'login_failed', 'wrong username or password', {
          userId: user?.id ?? null,
          tenantId: user?.tenantId ?? null,
          username: login,
        });
        throw unauthorized('Invalid username or password');
      }
      await assertUsable(user);
      await lockout.succeeded(account, ctx.ip);
      if (!actorOf(user).isAdmin && (await deps.policy.expired(user.passwordChangedAt))) {
        await activity.record(ctx, 'login_password_expired', 'password older than the policy allows', { userId: user.id, tenantId: user.tenantId, username: user.username });
        throw passwordExpired();
      }

      if (user.mfaEnabled) {
        // A session's lifetime, with the session's claims: the ICTPBX client keeps this token and,
        // reading mfa_enabled, sends the user to its MFA page; it holds as a session once the code
        // is given within the pending window (mfa.service.ts).
        const mfaBy = Math.floor(Date.now() / 1000) + config.jwt.mfaPendingExpiresIn;
        const token = tokens.sign({ ...accessClaims(user), typ: 'mfa', mfa_by: mfaBy }, config.jwt.expiresIn);
        await activity.record(ctx, 'login_mfa_pending', '', { userId: user.id, tenantId: user.tenantId, username: user.username });
        return { kind: 'mfa', token, expiresIn: config.jwt.mfaPendingExpiresIn };
      }
      const updated = await users.update(user.id, { status: 'login', lastLoginAt: new Date() });
      await activity.record(ctx, 'login', 'Logged In', { userId: user.id, tenantId: user.tenantId, username: user.username });
      return { kind: 'session', ...issue(updated) };
    },

    /** Completes a login once the second factor is verified. */
    async completeMfaLogin(userId: number, ctx: Ctx): Promise<Session> {
      const user = await users.findById(userId);
      if (!user) throw unauthorized();
      await assertUsable(user);
      const updated = await users.update(user.id, { status: 'login', lastLoginAt: new Date() });
      await activity.record(ctx, 'login', 'Logged In (MFA)', { userId: user.id, tenantId: user.tenantId, username: user.username });
      return issue(updated);
    },

    /** Revokes every live token of the user at once (on every node: the version is in the database). */
    async cancel(userId: number, ctx: Ctx, canReach: (user: UserRecord, actor: Actor) => boolean): Promise<void> {
      requireActor(ctx);
      const user = await users.findById(userId);
      if (!user || !canReach(user, ctx.actor)) throw notFound('User');
      if (user.id !== ctx.actor.id) authorize(ctx, 'user_update');
      await users.revokeTokens(user.id);
      await activity.record(ctx, 'logout', user.id === ctx.actor.id ? 'Logged Out' : `Sessions of ${user.username} cancelled`, {
        tenantId: user.tenantId,
      });
    },

    /** The claims of a token that is valid now: signed, unexpired and not revoked (POST /token_payload). */
    async payload(token: string): Promise<Claims> {
      await resolve(token);
      return tokens.verify(token);
    },

    resolve,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
