// A permission of the catalogue as ICTCore has it (permission_id, name), with a description.
// ICTCore defines permissions and never updates or deletes them.
import { Input, Matching, ReadOnly, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

/** ICTCore's naming: lower-case words joined by `_`, the parent first (`user`, `user_create`). */
export const PERMISSION_NAME = '^[a-z][a-z0-9_]{1,63}$';

export const PermissionCreate = Input({
  name: Matching(PERMISSION_NAME, 'must be 2 to 64 lower-case letters, digits or _, starting with a letter (the parent first: user, user_create)'),
  description: Type.Optional(Text(1024)),
  permissionId: ReadOnly(),
  id: ReadOnly(),
});

export const PermissionFilter = Input({ name: Type.Optional(Text(64)) });

export type PermissionCreateInput = StaticDecode<typeof PermissionCreate>;

export const PermissionView = Type.Object({
  permissionId: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
});

export type PermissionView = Static<typeof PermissionView>;
