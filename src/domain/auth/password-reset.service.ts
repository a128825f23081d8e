// Password reset by email: a random single-use token (only its SHA-256 is stored) mailed as
// ICTCore's link, then consumed to set a new password. The request answers the same whether or
// not the account exists, so it reveals nothing.
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import type { Ctx } from '../../context.ts';
import { tooManyRequests, unauthorized, unprocessable } from '../../errors.ts';
import type { Mailer } from '../../infra/mailer.ts';
import type { RateLimiter } from '../../infra/rate-limiter.ts';
import { hashPassword } from '../../security/passwords.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { PasswordPolicyService } from '../settings/password-policy.service.ts';
import type { UserRecord, UsersRepository } from '../users/users.repository.ts';
import { accountKey, type Lockout } from './lockout.ts';
import type { PasswordResetsRepository } from './password-resets.repository.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createPasswordResetService(deps: {
  config: Config;
  users: UsersRepository;
  resets: PasswordResetsRepository;
  lockout: Lockout;
  policy: PasswordPolicyService;
  mailer: Mailer;
  activity: ActivityLog;
  /** Per address, so nobody floods a mailbox. */
  limiter: RateLimiter;
}) {
  const { config, users, resets, activity } = deps;

  function message(user: UserRecord, token: string) {
    const link = `${config.publicUrl}/#/auth/reset-password?code=${encodeURIComponent(token)}`;
    const minutes = Math.round(config.passwordResetTtlSeconds / 60);
    return {
      to: user.email,
      subject: 'Reset your Switchyard password',
      text: [
        `Hello ${user.firstName || user.username},`,
        '',
        `Someone asked to reset the password of the account "${user.username}".`,
        `Open this link within ${minutes} minutes to choose a new one (it works once):`,
        '',
        link,
        '',
        `Or enter this reset code: ${token}`,
        '',
        'If you did not ask for this, ignore this message; your password stays as it is.',
      ].join('\n'),
    };
  }

  return {
    async request(input: { email?: string; username?: string }, ctx: Ctx): Promise<void> {
      const wait = deps.limiter.hit(ctx.ip);
      if (wait > 0) throw tooManyRequests(wait);
      const user = input.email ? await users.findByEmail(input.email) : input.username ? await users.findByLogin(input.username) : null;
      if (!user || !user.active || !user.email) return;
      const token = randomBytes(32).toString('base64url');
      await resets.create(user.id, sha256(token), new Date(Date.now() + config.passwordResetTtlSeconds * 1000));
      // Not awaited: a slow or failing mail server must not tell the caller that the account exists.
      deps.mailer.send(message(user, token)).catch((err: Error) => ctx.log.error({ err: { message: err.message } }, 'password reset mail not sent'));
      await activity.record(ctx, 'password_reset_requested', 'reset link mailed', { userId: user.id, tenantId: user.tenantId, username: user.username });
    },

    async complete(input: { code: string; password: string }, ctx: Ctx): Promise<void> {
      const reset = await resets.findByHash(sha256(input.code));
      if (!reset || reset.usedAt) throw unprocessable('Invalid token');
      if (reset.expiresAt.getTime() <= Date.now()) throw unauthorized('Token has expired');
      const user = await users.findById(reset.userId);
      if (!user || !user.active) throw unprocessable('Invalid token');
      // Checked before the token is spent, so a refused password leaves it usable.
      await deps.policy.check(input.password);
      if (!(await resets.consume(reset.id))) throw unprocessable('Invalid token');
      await resets.discardForUser(user.id);
      await users.update(user.id, { passwordHash: await hashPassword(input.password), passwordChangedAt: new Date() });
      // A new password ends every session opened with the old one.
      await users.revokeTokens(user.id);
      await deps.lockout.reset(accountKey(user, user.username));
      await activity.record(ctx, 'password_reset', 'Password reset by emailed token', { userId: user.id, tenantId: user.tenantId, username: user.username });
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
