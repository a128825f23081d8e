// The permission catalogue and the built-in roles, seeded on every start (idempotently).
// Names follow ICTCore: <resource> grants every <resource>_<verb> beneath it.

const crud = (resource: string, verbs = ['create', 'list', 'read', 'update', 'delete']) => [
  resource,
  ...verbs.map((v) => `${resource}_${v}`),
];

export const PERMISSIONS: string[] = [
  'super_admin',
  'enduser_password',
  'password_policy',
  ...crud('tenant'),
  ...crud('user', ['create', 'list', 'read', 'update', 'delete', 'password', 'admin']),
  ...crud('role'),
  ...crud('permission', ['create', 'list', 'read', 'delete']),
  ...crud('activity', ['list', 'read']),
  // Tenant features (tenant_permissions).
  'mfa_enabled',
];

/** Built-in roles in ICTCore's id order: 1 user, 2 admin, 3 tenant. */
export const BUILT_IN_ROLES: { name: string; description: string; permissions: string[] }[] = [
  {
    name: 'user',
    description: 'End user: manages its own account',
    permissions: ['user_read', 'user_update', 'enduser_password', 'activity_read', 'role_read', 'permission_read'],
  },
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
    ],
  },
];

export const ADMIN_ROLE = 'admin';
export const TENANT_ROLE = 'tenant';
export const USER_ROLE = 'user';
