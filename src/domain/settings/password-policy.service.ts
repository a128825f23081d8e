// The password policy (ICTCore's password_policy fields): read by anyone (the ICTPBX client reads it
// before login), set by an admin, checked on every password a user chooses, and its expiry checked
// on login.
import { authorize, type Ctx } from '../../context.ts';
import { validationFailed } from '../../errors.ts';
import { parse } from '../shared/schema.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { PasswordPolicyInput, type PasswordPolicy } from './password-policy.schema.ts';
import type { SettingsRepository } from './settings.repository.ts';

export type { PasswordPolicy };

export const DEFAULT_POLICY: PasswordPolicy = {
  minLength: 8,
  minUppercase: 0,
  minLowercase: 0,
  minNumbers: 0,
  specialCharacter: 0,
  failedAttempts: 0,
  passwdExpLimit: 0,
  passwdEmailNotify: 0,
  passwdHistory: 0,
  sessiontime: 30,
};

const KEY = 'password_policy';

// Stored under ICTCore's column names (as earlier versions stored it).
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const stored = Object.fromEntries(Object.keys(DEFAULT_POLICY).map((key) => [snake(key), key])) as Record<string, keyof PasswordPolicy>;

function fromStored(row: Record<string, unknown> | null): Partial<PasswordPolicy> {
  const out: Partial<PasswordPolicy> = {};
  for (const [column, value] of Object.entries(row ?? {})) {
    const key = stored[column];
    if (key && typeof value === 'number') out[key] = value;
  }
  return out;
}

const toStored = (policy: PasswordPolicy) => Object.fromEntries(Object.entries(policy).map(([key, value]) => [snake(key), value]));

export function createPasswordPolicyService(deps: { settings: SettingsRepository; activity: ActivityLog }) {
  // Read each time (one small row) so a change on one node holds on every node at once.
  const get = async (): Promise<PasswordPolicy> => ({ ...DEFAULT_POLICY, ...fromStored(await deps.settings.get<Record<string, unknown>>(KEY)) });

  return {
    get,
    async set(input: unknown, ctx: Ctx): Promise<PasswordPolicy> {
      authorize(ctx, 'password_policy');
      const change = parse(PasswordPolicyInput, input ?? {});
      const next = { ...(await get()) };
      for (const [key, value] of Object.entries(change)) if (typeof value === 'number') next[key as keyof PasswordPolicy] = value;
      await deps.settings.set(KEY, toStored(next));
      await deps.activity.record(ctx, 'password_policy_updated', JSON.stringify(toStored(next)));
      return next;
    },
    /** Throws a 400 naming the unmet rule. */
    async check(password: string, field = 'password'): Promise<void> {
      const p = await get();
      const count = (re: RegExp) => (password.match(re) ?? []).length;
      const rules: [boolean, string][] = [
        [password.length >= p.minLength, `must be at least ${p.minLength} characters long`],
        [count(/[A-Z]/g) >= p.minUppercase, `must contain at least ${p.minUppercase} uppercase letter(s)`],
        [count(/[a-z]/g) >= p.minLowercase, `must contain at least ${p.minLowercase} lowercase letter(s)`],
        [count(/[0-9]/g) >= p.minNumbers, `must contain at least ${p.minNumbers} digit(s)`],
        [count(/[^A-Za-z0-9]/g) >= p.specialCharacter, `must contain at least ${p.specialCharacter} special character(s)`],
      ];
      for (const [ok, problem] of rules) if (!ok) throw validationFailed(field, `${problem} (password policy)`);
    },
    /** Whether a password set at `changedAt` has outlived the policy's passwd_exp_limit. */
    async expired(changedAt: Date, now = new Date()): Promise<boolean> {
      const { passwdExpLimit } = await get();
      return passwdExpLimit > 0 && now.getTime() - changedAt.getTime() >= passwdExpLimit * 86_400_000;
    },
  };
}

export type PasswordPolicyService = ReturnType<typeof createPasswordPolicyService>;
