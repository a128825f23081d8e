// Failed logins and MFA codes count per account, whatever login string named it (username,
// e-mail or user id), and lock the account out only for the source address they came from: an
// attacker elsewhere cannot shut the real user out. Failures from everywhere together only slow
// the account's logins down (every attempt waits LOGIN_SLOWDOWN_MS), which keeps a spread-out
// guessing attack slow without refusing anyone; the per-address rate limit stays in front of both.
import type { Config } from '../../config.ts';
import type { PasswordPolicyService } from '../settings/password-policy.service.ts';
import type { LoginFailuresRepository } from './login-failures.repository.ts';

/** The key failures are counted under: the account, or the login string when it names none. */
export const accountKey = (user: { id: number } | null, login: string) => (user ? `user:${user.id}` : `login:${login.trim().toLowerCase()}`);

export function createLockout(deps: { config: Config; failures: LoginFailuresRepository; policy: Pick<PasswordPolicyService, 'get'> }) {
  const { config, failures } = deps;
  const maxFailures = async () => (await deps.policy.get()).failedAttempts || config.login.maxFailures;

  return {
    /** Seconds the account stays locked for `ip`; 0 when it is not. */
    async lockedFor(account: string, ip: string): Promise<number> {
      const max = await maxFailures();
      const recent = await failures.latestFrom(account, ip, max);
      if (recent.length < max) return 0;
      const newest = recent[0].createdAt.getTime();
      if (newest - recent[max - 1].createdAt.getTime() > config.login.windowSeconds * 1000) return 0;
      return Math.max(0, (newest + config.login.lockoutSeconds * 1000 - Date.now()) / 1000);
    },

    /** Whether the account failed at least the lockout count from anywhere within the window. */
    async throttled(account: string): Promise<boolean> {
      const since = new Date(Date.now() - config.login.windowSeconds * 1000);
      return (await failures.countSince(account, since)) >= (await maxFailures());
    },

    failed: (account: string, ip: string) => failures.record(account, ip),
    /** A success from `ip` forgives that address's failures; the others' still slow the account. */
    succeeded: (account: string, ip: string) => failures.clearFrom(account, ip),
    /** A new password forgives every failure. */
    reset: (account: string) => failures.clear(account),
  };
}

export type Lockout = ReturnType<typeof createLockout>;
