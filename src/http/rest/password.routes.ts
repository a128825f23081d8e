// Password reset by email (the `auth` rows /forgot_password and /update_password).
import type { FastifyInstance } from 'fastify';
import { validationFailed } from '../../errors.ts';
import { errorEnvelope, errorResponses } from './shared.ts';

export default async function passwordRoutes(app: FastifyInstance) {
  const { passwordReset } = app.services;

  app.post<{ Body: { email?: string; username?: string } }>(
    '/forgot_password',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Mail a single-use password reset link; answers true whether or not the account exists',
        body: {
          type: 'object',
          properties: { email: { type: 'string', minLength: 1, maxLength: 128 }, username: { type: 'string', minLength: 1, maxLength: 128 } },
        },
        response: { 200: { type: 'boolean' }, ...errorResponses, 429: errorEnvelope },
      },
    },
    async (request) => {
      const { email, username } = request.body ?? {};
      if (!email && !username) throw validationFailed('email', 'is required');
      await passwordReset.request({ email, username }, request.ctx);
      return true;
    },
  );

  app.put<{ Body: { code?: string; token?: string; password: string } }>(
    '/update_password',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the emailed reset code (`token` is accepted as an alias of `code`)',
        body: {
          type: 'object',
          required: ['password'],
          properties: {
            code: { type: 'string', minLength: 1, maxLength: 256 },
            token: { type: 'string', minLength: 1, maxLength: 256 },
            password: { type: 'string', minLength: 1, maxLength: 256 },
          },
        },
        response: { 200: { type: 'boolean' }, ...errorResponses, 422: errorEnvelope },
      },
    },
    async (request) => {
      const code = request.body.code ?? request.body.token;
      if (!code) throw validationFailed('code', 'is required');
      await passwordReset.complete({ code, password: request.body.password }, request.ctx);
      return true;
    },
  );
}
