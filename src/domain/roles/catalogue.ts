// The permission catalogue and the built-in roles, seeded on every start (idempotently): the
// core's permissions here, each module's in its descriptor (domain/module.ts).
// Names follow ICTCore: <resource> grants every <resource>_<verb> beneath it.
import type { ModulePermissions } from '../module.ts';

export const crud = (resource: string, verbs = ['create', 'list', 'read', 'update', 'delete']) => [
  resource,
  ...verbs.map((v) => `${resource}_${v}`),
];

const CORE_PERMISSIONS: string[] = [
  'super_admin',
  'enduser_password',
  'password_policy',
  ...crud('tenant'),
  ...crud('user', ['create', 'list', 'read', 'update', 'delete', 'password', 'admin']),
  ...crud('role'),
  ...crud('permission', ['create', 'list', 'read', 'delete']),
  ...crud('activity', ['list', 'read']),
  ...crud('cdr', ['list', 'read']),
  // Sofia profile settings: the super-admin's (no built-in role but admin holds them).
  ...crud('sip_profile', ['list', 'read', 'update']),
  // Event Socket (issue 4): switch nodes are the super-admin's; live channels, call control,
  // click-to-call, trunk status and conference participants are scoped to the caller's tenant.
  ...crud('switch_node'),
  ...crud('realtime', ['read', 'control']),
  'call_originate',
  'provider_status',
  ...crud('conference_participant', ['list', 'update']),
  // Tenant features (tenant_permissions).
  'mfa_enabled',
];

export interface BuiltInRole {
  name: string;
  description: string;
  permissions: string[];
}

const END_USER_PERMISSIONS = ['user_read', 'user_update', 'enduser_password', 'activity_read', 'role_read', 'permission_read', 'cdr_list', 'cdr_read', 'realtime_read', 'realtime_control', 'call_originate'];

/**
 * Built-in roles in ICTPBX's id order: 1 user, 2 admin, 3 tenant, 4 end_user (the ICTPBX client's
 * user form preselects role 4 when a tenant admin creates a user; it holds what `user` holds).
 */
const CORE_ROLES: BuiltInRole[] = [
  { name: 'user', description: 'End user: manages its own account', permissions: END_USER_PERMISSIONS },
  { name: 'admin', description: 'System administrator', permissions: ['super_admin'] },
  {
    name: 'tenant',
    description: 'Tenant administrator: manages its own organisation',
    permissions: [
      'user_admin',
      'user',
      'enduser_password',
      'tenant_read',
      'role_list',
      'role_read',
      'permission_list',
      'permission_read',
      'activity',
      'cdr',
      'realtime',
      'call_originate',
      'conference_participant',
    ],
  },
  { name: 'end_user', description: 'Authorized end user (ICTPBX role 4)', permissions: END_USER_PERMISSIONS },
];

export const ADMIN_ROLE = 'admin';
export const TENANT_ROLE = 'tenant';
export const USER_ROLE = 'user';

/** Every permission and the built-in roles' grants: the core's and each module's. */
export function permissionCatalogue(modules: readonly { permissions?: ModulePermissions }[]) {
  const own = modules.flatMap((m) => (m.permissions ? [m.permissions] : []));
  const user = own.flatMap((p) => p.user ?? []);
  const grants = { user, admin: [], tenant: own.flatMap((p) => p.tenant ?? []), end_user: user };
  return {
    permissions: [...CORE_PERMISSIONS, ...own.flatMap((p) => p.names)],
    roles: CORE_ROLES.map((role) => ({ ...role, permissions: [...role.permissions, ...grants[role.name as keyof typeof grants]] })),
  };
}
