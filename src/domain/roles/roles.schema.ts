// A role as ICTCore has it (role_id, name, description) with the permissions attached to it, and
// Switchyard's `built_in` flag and dates as extras. Written once here: the service checks every
// input with it, REST's bodies and answers are its snake_case, GraphQL's its camelCase.
import { PermissionView } from '../permissions/permissions.schema.ts';
import { Input, Matching, ReadOnly, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

const RoleName = Matching('^[A-Za-z0-9][A-Za-z0-9 _.-]*$', 'must start with a letter or digit and hold only letters, digits, spaces and _ . -', {
  minLength: 1,
  maxLength: 64,
});

const writable = {
  description: Type.Optional(Text(1024)),
};

/** What a client that loaded the role sends back with it (ICTCore's set() ignores them too). */
const echoed = {
  roleId: ReadOnly(),
  id: ReadOnly(),
  builtIn: ReadOnly(),
  permissions: ReadOnly('attached through PUT /roles/:role_id/permissions/:permission_id'),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const RoleCreate = Input({ name: RoleName, ...writable, ...echoed });
export const RoleUpdate = Input({ name: Type.Optional(RoleName), ...writable, ...echoed });
export const RoleFilter = Input({ name: Type.Optional(Text(64)) });

export type RoleCreateInput = StaticDecode<typeof RoleCreate>;
export type RoleUpdateInput = StaticDecode<typeof RoleUpdate>;

/** A role as every client reads it (the ICTPBX user form reads role_id and name). */
export const RoleView = Type.Object({
  roleId: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  builtIn: Type.Boolean({ description: 'The built-in roles (user, admin, tenant) cannot be renamed or deleted' }),
  permissions: Type.Array(Type.Pick(PermissionView, ['permissionId', 'name'])),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type RoleView = Static<typeof RoleView>;
