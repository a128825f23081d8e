// A user as the API reads one (GET /get_user, /users/:id, and every check of who may see whom), on
// the hot reads' prepared statements. Through Prisma it took seven statements (the user, its
// roles, their permissions, its own permissions, each relation in a statement of its own); here
// two, which PostgreSQL runs at once: the user's row, and every role and permission it holds.
import type { User } from '../generated/sqlite/client.ts';
import type { Db } from './client.ts';
import { hotReadsOf } from './hot-reads.ts';
import { modelColumns } from './model-columns.ts';
import { num, text } from './row-values.ts';

/** A user with its access (the shape of the users repository's UserRecord). */
export type UserRead = User & {
  roles: { id: number; name: string }[];
  directPermissions: { id: number; name: string; description: string }[];
  /** Direct grants plus every role's, by name, sorted. */
  permissions: string[];
};

const user = modelColumns<User>('u', {
  id: 'int',
  tenantId: 'int?',
  username: 'text',
  email: 'text',
  firstName: 'text',
  lastName: 'text',
  phone: 'text',
  mobile: 'text',
  address: 'text',
  company: 'text',
  countryId: 'int?',
  timezoneId: 'int?',
  passwordHash: 'text',
  active: 'bool',
  credit: 'float',
  status: 'text',
  tokenVersion: 'int',
  mfaSecret: 'text?',
  mfaEnabled: 'bool',
  mfaLastStep: 'int',
  passwordChangedAt: 'date',
  lastLoginAt: 'date?',
  dailyLimit: 'int',
  monthlyLimit: 'int',
  quotaExtensions: 'int',
  quotaDevices: 'int',
  quotaRingGroups: 'int',
  quotaCallQueues: 'int',
  quotaIvrMenus: 'int',
  quotaVoicemail: 'int',
  quotaConference: 'int',
  quotaMusicOnHold: 'int',
  allowedTimeslot: 'text',
  allowedDays: 'text',
  createdAt: 'date',
  updatedAt: 'date',
});

const USER = `SELECT ${user.sql} FROM users u WHERE u.id = ?`;

/** Each row: what it is (role, direct permission, a role's permission), its id, name and description. */
const ACCESS = `SELECT 'role' AS kind, r.id AS id, r.name AS name, '' AS description
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ?
  UNION ALL SELECT 'direct', p.id, p.name, p.description
    FROM user_permissions up JOIN permissions p ON p.id = up.permission_id WHERE up.user_id = ?
  UNION ALL SELECT 'granted', p.id, p.name, ''
    FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id JOIN permissions p ON p.id = rp.permission_id WHERE ur.user_id = ?
  ORDER BY 1, 2`;

function userOf(v: readonly unknown[], access: unknown[][]): UserRead {
  const roles: UserRead['roles'] = [];
  const directPermissions: UserRead['directPermissions'] = [];
  const effective = new Set<string>();
  for (const [kind, id, name, description] of access) {
    if (kind === 'role') roles.push({ id: num(id), name: text(name) });
    else {
      effective.add(text(name));
      if (kind === 'direct') directPermissions.push({ id: num(id), name: text(name), description: text(description) });
    }
  }
  return Object.assign(user.read(v), { roles, directPermissions, permissions: [...effective].sort() });
}

export function userReads(db: Db) {
  const reads = hotReadsOf(db);
  return {
    async findById(id: number): Promise<UserRead | null> {
      const [rows, access] = await Promise.all([reads.values(USER, [id]), reads.values(ACCESS, [id, id, id])]);
      return rows.length ? userOf(rows[0], access) : null;
    },
  };
}
