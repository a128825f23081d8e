// The password policy in ICTCore's words (its password_policy row): what a password must contain,
// when it expires, the lockout threshold, and the client's idle-session timeout. The ICTPBX
// client's policy form posts back the whole object it loaded (`password_policy_id` included), and
// its reset and change-password screens read the policy before anyone logs in.
import { Input, Int, Nullable, ReadOnly, Type, type Static, type StaticDecode } from '../shared/schema.ts';

const count = (max: number, description: string) => Type.Optional(Nullable(Int(0, max, { description })));

const fields = {
  minLength: count(128, 'Minimum password length'),
  minUppercase: count(64, 'Minimum uppercase letters'),
  minLowercase: count(64, 'Minimum lowercase letters'),
  minNumbers: count(64, 'Minimum digits'),
  specialCharacter: count(64, 'Minimum characters that are neither letters nor digits'),
  failedAttempts: count(100, "Failed logins before a lockout; 0 means the server's LOGIN_MAX_FAILURES"),
  passwdExpLimit: count(3650, 'Days a password lasts before login answers 426 (super-admins exempt); 0: never'),
  passwdEmailNotify: count(3650, 'Days before expiry to warn by e-mail (kept for the client; Switchyard sends no warning)'),
  passwdHistory: count(100, 'Earlier passwords a new one may not repeat (kept for the client; Switchyard keeps no history)'),
  sessiontime: count(1440, "Minutes of inactivity before the ICTPBX client closes its session (the client's own timer)"),
};

/** A change to the policy: any subset of its fields (null or absent: unchanged). */
export const PasswordPolicyInput = Input({ ...fields, passwordPolicyId: ReadOnly('always 1: there is one policy') });
export type PasswordPolicyInput = StaticDecode<typeof PasswordPolicyInput>;

const Count = Type.Integer({ minimum: 0 });

/** The policy as every client reads it. */
export const PasswordPolicyView = Type.Object({
  passwordPolicyId: Type.Literal(1),
  minLength: Count,
  minUppercase: Count,
  minLowercase: Count,
  minNumbers: Count,
  specialCharacter: Count,
  failedAttempts: Count,
  passwdExpLimit: Count,
  passwdEmailNotify: Count,
  passwdHistory: Count,
  sessiontime: Count,
});
export type PasswordPolicyView = Static<typeof PasswordPolicyView>;
export type PasswordPolicy = Omit<PasswordPolicyView, 'passwordPolicyId'>;
