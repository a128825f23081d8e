// Announces, on the change bus, every write to the users and roles repositories that changes what
// resolving a token checks (token version, activity, tenant, roles, permissions, the Actor's
// fields), so that bearer caches on every node drop what it touched. Announcing here rather than in
// each service means no write path can forget: every repository method is classified below, and
// a method added to either repository does not compile until it is.
// Tenants are announced by their service already ('tenant' changes, which xml_curl also follows).
import type { Change, ChangeBus } from '../../infra/change-bus.ts';
import type { RolesRepository } from '../roles/roles.repository.ts';
import type { UserRecord, UsersRepository } from '../users/users.repository.ts';

/** read: changes nothing; announce: may change an Actor or a token's validity; unseen: a write resolve() never looks at. */
type Access = 'read' | 'announce' | 'unseen';

const userMethods = {
  findById: 'read',
  findByIds: 'read',
  findByLogin: 'read',
  findByEmail: 'read',
  usernameTaken: 'read',
  emailTaken: 'read',
  list: 'read',
  listByTenants: 'read',
  count: 'read',
  getConfig: 'read',
  // A new id may have been looked up (and found missing) before.
  create: 'announce',
  update: 'announce',
  addCredit: 'announce',
  revokeTokens: 'announce',
  delete: 'announce',
  addRole: 'announce',
  removeRole: 'announce',
  addPermission: 'announce',
  removePermission: 'announce',
  claimTotpStep: 'unseen',
  setConfig: 'unseen',
} as const satisfies Record<keyof UsersRepository, Access>;

const roleMethods = {
  findById: 'read',
  findByIds: 'read',
  findByName: 'read',
  roleIdsOfUsers: 'read',
  list: 'read',
  // Nobody holds a role that did not exist.
  create: 'unseen',
  update: 'announce',
  delete: 'announce',
  attachPermission: 'announce',
  attachPermissions: 'announce',
  detachPermission: 'announce',
} as const satisfies Record<keyof RolesRepository, Access>;

type Write = (...args: never[]) => Promise<unknown>;

function announcing<R extends Record<string, unknown>>(
  repo: R,
  methods: Record<keyof R, Access>,
  changeOf: (method: keyof R, args: unknown[], result: unknown) => Change,
  changes: ChangeBus,
): R {
  const wrapped: Record<string, unknown> = { ...repo };
  for (const method of Object.keys(methods) as (keyof R & string)[]) {
    if (methods[method] !== 'announce') continue;
    const write = repo[method] as Write;
    wrapped[method] = async (...args: never[]) => {
      const result = await write(...args);
      await changes.publish(changeOf(method, args, result));
      return result;
    };
  }
  return wrapped as R;
}

/** The repositories with their users and roles announcing the writes that bearer caches must see. */
export function announceAccessWrites<T extends { users: UsersRepository; roles: RolesRepository }>(repos: T, changes: ChangeBus): T {
  return {
    ...repos,
    users: announcing(
      repos.users,
      userMethods,
      // Every write names the user first, but create, which returns it.
      (method, args, result) => ({ entity: 'user', tenantId: null, id: method === 'create' ? (result as UserRecord).id : (args[0] as number) }),
      changes,
    ),
    roles: announcing(repos.roles, roleMethods, (_method, args) => ({ entity: 'role', tenantId: null, id: args[0] as number }), changes),
  };
}
