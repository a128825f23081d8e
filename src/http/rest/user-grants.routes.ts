// /users/:user_id/permissions and /users/:user_id/roles: what a user may do, and granting it.
// Changing grants takes user_admin (a tenant admin for its tenant's users, the super-admin for
// everyone) and never hands out more than the caller holds.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { arrayOf, errorResponses, idParams, sendPage } from './shared.ts';
import { effectivePermissionSchema, effectivePermissionView } from './views/permission.view.ts';
import { roleSchema, roleView } from './views/role.view.ts';

/** These lists are short and complete: the whole set, with its size in X-Total-Count. */
const sendAll = <T, V>(reply: FastifyReply, items: T[], view: (item: T) => V) =>
  sendPage(reply, { items, total: items.length, limit: items.length, offset: 0 }, view);

export default async function userGrantsRoutes(app: FastifyInstance) {
  const { userGrants } = app.services;
  const tags = ['admin'];
  const ok = { 200: { type: 'boolean' }, ...errorResponses } as const;
  type PermissionParams = { Params: { user_id: number; permission_id: number } };
  type RoleParams = { Params: { user_id: number; role_id: number } };

  app.get<{ Params: { user_id: number } }>(
    '/users/:user_id/permissions',
    {
      schema: {
        tags,
        summary: "A user's effective permissions: direct grants and those of its roles",
        params: idParams('user_id'),
        response: { 200: arrayOf(effectivePermissionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendAll(reply, await userGrants.permissionsOf(request.params.user_id, request.ctx), effectivePermissionView),
  );

  app.put<PermissionParams>(
    '/users/:user_id/permissions/:permission_id',
    { schema: { tags, summary: 'Grant a permission to a user directly', params: idParams('user_id', 'permission_id'), response: ok } },
    async (request) => {
      await userGrants.grantPermission(request.params.user_id, request.params.permission_id, request.ctx);
      return true;
    },
  );

  app.delete<PermissionParams>(
    '/users/:user_id/permissions/:permission_id',
    { schema: { tags, summary: "Revoke a user's direct permission", params: idParams('user_id', 'permission_id'), response: ok } },
    async (request) => {
      await userGrants.revokePermission(request.params.user_id, request.params.permission_id, request.ctx);
      return true;
    },
  );

  app.get<{ Params: { user_id: number } }>(
    '/users/:user_id/roles',
    { schema: { tags, summary: "A user's roles", params: idParams('user_id'), response: { 200: arrayOf(roleSchema), ...errorResponses } } },
    async (request, reply) => sendAll(reply, await userGrants.rolesOf(request.params.user_id, request.ctx), roleView),
  );

  app.put<RoleParams>(
    '/users/:user_id/roles/:role_id',
    { schema: { tags, summary: 'Add a role to a user (the admin role only by a super-admin)', params: idParams('user_id', 'role_id'), response: ok } },
    async (request) => {
      await userGrants.addRole(request.params.user_id, request.params.role_id, request.ctx);
      return true;
    },
  );

  app.delete<RoleParams>(
    '/users/:user_id/roles/:role_id',
    { schema: { tags, summary: 'Remove a role from a user', params: idParams('user_id', 'role_id'), response: ok } },
    async (request) => {
      await userGrants.removeRole(request.params.user_id, request.params.role_id, request.ctx);
      return true;
    },
  );
}
