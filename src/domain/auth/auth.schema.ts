// What logging in, logging out, changing one's own password, resetting it and enrolling a second
// factor accept, in the ICTPBX client's words (camelCase here, snake_case on REST). The client's
// login form (Nebular's) posts {email, password, rememberMe}; ICTCore also takes `username` or
// `user_id` instead of `email`. Written once: REST's body schemas, GraphQL's checks and the
// services all read these.
import { Flag, Id, Input, ReadOnly, Text, Type, type StaticDecode } from '../shared/schema.ts';

const Login = (description: string) => Text(128, { minLength: 1, description });
const Password = (description = 'The password') => Text(1024, { minLength: 1, description });

export const LoginInput = Input(
  {
    email: Type.Optional(Login('The e-mail address (what the ICTPBX login form sends)')),
    username: Type.Optional(Login('The username (Switchyard and ICTCore)')),
    userId: Type.Optional(Id({ description: "ICTCore's login by user id" })),
    password: Password(),
    rememberMe: Type.Optional(Flag({ description: "The login form's remember-me box: the client keeps the token; the server issues the same one" })),
  },
  { required: ['password'] },
);
export type LoginInput = StaticDecode<typeof LoginInput>;

/**
 * `POST /authenticate/cancel/:user_id`: the ICTPBX client sends the user id again as the body (a
 * bare number or string), or an empty object; nothing in it is read.
 */
export const CancelInput = Type.Union([Type.Object({}, { additionalProperties: false }), Id(), Type.String({ pattern: '^[0-9]{1,10}$' }), Type.Null()], {
  description: 'ignored: the user id again, or {}',
});

/**
 * `PUT /password/users`: the client's change-password screen sends its user object, that is the
 * caller's id (from the token), the new password and its confirmation.
 */
export const OwnPasswordChange = Input(
  {
    password: Password('The new password (the password policy applies)'),
    confirmPassword: Type.Optional(Text(1024, { description: 'Must equal password when given' })),
    userId: ReadOnly("the caller's id again: the password changed is always the caller's"),
    // The client's user object starts with these set (its class defaults).
    dailyLimit: ReadOnly(),
    dailySent: ReadOnly(),
    monthlyLimit: ReadOnly(),
    monthlySent: ReadOnly(),
  },
  { required: ['password'] },
);
export type OwnPasswordChange = StaticDecode<typeof OwnPasswordChange>;

/** `POST /forgot_password`: the client sends {email}; Switchyard also takes a username. */
export const PasswordResetRequest = Input({
  email: Type.Optional(Login('The e-mail address of the account')),
  username: Type.Optional(Login('Or its username')),
});
export type PasswordResetRequest = StaticDecode<typeof PasswordResetRequest>;

/** `PUT /update_password`: the client sends {password, code}; `token` is Switchyard's alias of `code`. */
export const PasswordResetCompletion = Input(
  {
    code: Type.Optional(Text(256, { minLength: 1, description: 'The mailed reset code' })),
    token: Type.Optional(Text(256, { minLength: 1, description: 'Alias of code' })),
    password: Text(256, { minLength: 1, description: 'The new password (the password policy applies)' }),
  },
  { required: ['password'] },
);
export type PasswordResetCompletion = StaticDecode<typeof PasswordResetCompletion>;

/** `POST /user/totpqrcode`: the client sends {username}; the secret is always the caller's own. */
export const TotpEnrolment = Input({ username: ReadOnly("the caller's username: enrolment is always the caller's own") });

/**
 * `POST /user/totp/verify`: the client sends {code, secret}, the secret being the one enrolment
 * answered; the server checks against the secret it holds, so the one sent is not read.
 */
export const TotpVerification = Input(
  {
    code: Type.String({ pattern: '^[0-9]{6}$', patternMessage: 'must be six digits', description: 'The six-digit TOTP code' }),
    secret: ReadOnly('the secret enrolment answered: the server checks against the one it holds'),
  },
  { required: ['code'] },
);
export type TotpVerification = StaticDecode<typeof TotpVerification>;
