// A user as the ICTPBX API shows it: the user view in the client's words (never the password hash
// or secrets), with its yes/no fields as the client compares them: `active`, `is_admin` and
// `is_tenant` as '1'/'0' (its users list tests `user.active === '1'`), `mfa_enabled` as 1/0.
import type { UserRecord } from '../../../domain/users/users.repository.ts';
import { UserView } from '../../../domain/users/users.schema.ts';
import { userView as viewOf } from '../../../domain/users/users.service.ts';
import { toWire, wireAnswer } from '../wire.ts';

const oneZero = { type: 'string', enum: ['0', '1'] } as const;

export const userSchema = wireAnswer(UserView, { active: oneZero, is_admin: oneZero, is_tenant: oneZero, mfa_enabled: { type: 'integer', enum: [0, 1] } }) as {
  type: 'object';
  properties: Record<string, object>;
};

const bit = (b: boolean) => (b ? '1' : '0');

export function userView(u: UserRecord, options?: Parameters<typeof viewOf>[1]) {
  const view = viewOf(u, options);
  return { ...toWire(view), active: bit(view.active), is_admin: bit(view.isAdmin), is_tenant: bit(view.isTenant), mfa_enabled: view.mfaEnabled ? 1 : 0 };
}
