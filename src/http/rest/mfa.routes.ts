// TOTP MFA (the `auth` rows /user/totpqrcode and /user/totp/verify): enrolment, and the second
// step of a login that answered an MFA-pending token.
import type { FastifyInstance } from 'fastify';
import { sessionSchema, sessionView } from './auth.routes.ts';
import { errorResponses } from './shared.ts';

export default async function mfaRoutes(app: FastifyInstance) {
  const { mfa } = app.services;

  app.post(
    '/user/totpqrcode',
    {
      schema: {
        tags: ['auth'],
        summary: "Start TOTP enrolment for the caller: a new secret, its otpauth URI and a QR code (PNG data URL)",
        response: {
          200: {
            type: 'object',
            properties: { secret: { type: 'string' }, otpauth_url: { type: 'string' }, qrCodeUrl: { type: 'string' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const enrolment = await mfa.enrol(request.ctx);
      return { secret: enrolment.secret, otpauth_url: enrolment.otpauthUrl, qrCodeUrl: enrolment.qrCodeUrl };
    },
  );

  app.post<{ Body: { code: string } }>(
    '/user/totp/verify',
    {
      config: { auth: 'mfa' },
      schema: {
        tags: ['auth'],
        summary:
          'Verify a TOTP code. With a full token it confirms the enrolment (answers true); with an MFA-pending token it completes the login (answers the session)',
        body: { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } } },
        response: { 200: { anyOf: [{ type: 'boolean' }, sessionSchema] }, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (request) => {
      const result = await mfa.verify(request.body, request.ctx);
      return result.kind === 'session' ? sessionView(result) : true;
    },
  );
}
