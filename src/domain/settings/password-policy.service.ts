// The password policy (ICTCore's password_policy fields): read by anyone, set by an admin,
// checked on every password a user chooses.
import { authorize, type Ctx } from '../../context.ts';
import { validationFailed } from '../../errors.ts';
import type { SettingsRepository } from './settings.repository.ts';
import type { ActivityLog } from '../activities/activity-log.ts';

export interface PasswordPolicy {
  min_length: number;
  min_uppercase: number;
  min_lowercase: number;
  min_numbers: number;
  special_character: number;
  /** Failed logins before a lockout; 0 means the server's LOGIN_MAX_FAILURES. */
  failed_attempts: number;
}

export const DEFAULT_POLICY: PasswordPolicy = {
  min_length: 8,
  min_uppercase: 0,
  min_lowercase: 0,
  min_numbers: 0,
  special_character: 0,
  failed_attempts: 0,
};

const KEY = 'password_policy';

export function createPasswordPolicyService(deps: { settings: SettingsRepository; activity: ActivityLog }) {
  // Read each time (one small row) so a change on one node holds on every node at once.
  const get = async (): Promise<PasswordPolicy> => ({
    ...DEFAULT_POLICY,
    ...((await deps.settings.get<Partial<PasswordPolicy>>(KEY)) ?? {}),
  });

  return {
    get,
    async set(input: Partial<PasswordPolicy>, ctx: Ctx): Promise<PasswordPolicy> {
      authorize(ctx, 'password_policy');
      const next = { ...(await get()), ...input };
      await deps.settings.set(KEY, next);
      await deps.activity.record(ctx, 'password_policy_updated', JSON.stringify(next));
      return next;
    },
    /** Throws a 400 naming the unmet rule. */
    async check(password: string, field = 'password'): Promise<void> {
      const p = await get();
      const count = (re: RegExp) => (password.match(re) ?? []).length;
      const rules: [boolean, string][] = [
        [password.length >= p.min_length, `must be at least ${p.min_length} characters long`],
        [count(/[A-Z]/g) >= p.min_uppercase, `must contain at least ${p.min_uppercase} uppercase letter(s)`],
        [count(/[a-z]/g) >= p.min_lowercase, `must contain at least ${p.min_lowercase} lowercase letter(s)`],
        [count(/[0-9]/g) >= p.min_numbers, `must contain at least ${p.min_numbers} digit(s)`],
        [count(/[^A-Za-z0-9]/g) >= p.special_character, `must contain at least ${p.special_character} special character(s)`],
      ];
      for (const [ok, problem] of rules) if (!ok) throw validationFailed(field, `${problem} (password policy)`);
    },
  };
}

export type PasswordPolicyService = ReturnType<typeof createPasswordPolicyService>;
