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
  // PBX and routing (issue 3). fpbx_extension_password reveals SIP and voicemail secrets on read.
  ...crud('fpbx_extension', ['create', 'list', 'read', 'update', 'delete', 'assign', 'password']),
  ...crud('fpbx_domain', ['list', 'read']),
  ...crud('provider'),
  ...crud('route'),
  ...crud('did', ['create', 'list', 'read', 'update', 'delete', 'assign']),
  ...crud('cid'),
  ...crud('destination'),
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

/** Built-in roles in ICTCore's id order: 1 user, 2 admin, 3 tenant. */
export const BUILT_IN_ROLES: { name: string; description: string; permissions: string[] }[] = [
  {
    name: 'user',
    description: 'End user: manages its own account',
    permissions: ['user_read', 'user_update', 'enduser_password', 'activity_read', 'role_read', 'permission_read', 'cdr_list', 'cdr_read', 'fpbx_extension_list', 'fpbx_extension_read', 'realtime_read', 'realtime_control', 'call_originate'],
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
      'cdr',
      'fpbx_extension',
      'fpbx_domain',
      'provider',
      'route',
      'did_list',
      'did_read',
      'did_update',
      'did_assign',
      'cid',
      'destination',
      'realtime',
      'call_originate',
      'conference_participant',
    ],
  },
];

export const ADMIN_ROLE = 'admin';
export const TENANT_ROLE = 'tenant';
export const USER_ROLE = 'user';
