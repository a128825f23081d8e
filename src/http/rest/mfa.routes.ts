// TOTP MFA (the `auth` rows /user/totpqrcode and /user/totp/verify): enrolment, and the second
// step of a login that answered an MFA-pending token. Bodies are the auth schemas
// (domain/auth/auth.schema.ts) in the client's words.
import type { FastifyInstance } from 'fastify';
import { TotpEnrolment, TotpVerification } from '../../domain/auth/auth.schema.ts';
import { parse } from '../../domain/shared/schema.ts';
import { sessionSchema, sessionView } from './auth.routes.ts';
import { errorEnvelope, errorResponses } from './shared.ts';
import { fromWire, wireSchema } from './wire.ts';

export default async function mfaRoutes(app: FastifyInstance) {
  const { mfa } = app.services;

  app.post(
    '/user/totpqrcode',
    {
      schema: {
        tags: ['auth'],
        summary: "Start TOTP enrolment for the caller: a new secret, its otpauth URI and a QR code (PNG data URL). The client's {username} is accepted; it is always the caller's own",
        // The client sends {username}; a call with no body at all is as good.
        body: { anyOf: [wireSchema(TotpEnrolment), { type: 'null' }] },
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
      parse(TotpEnrolment, fromWire(request.body ?? {}));
      const enrolment = await mfa.enrol(request.ctx);
      return { secret: enrolment.secret, otpauth_url: enrolment.otpauthUrl, qrCodeUrl: enrolment.qrCodeUrl };
    },
  );

  app.post(
    '/user/totp/verify',
    {
      config: { auth: 'mfa' },
      schema: {
        tags: ['auth'],
        summary:
          'Verify a TOTP code ({code}, and the secret enrolment answered, which the client sends back and the server does not read). With a full token it confirms the enrolment (answers true); with an MFA-pending token it completes the login (answers the session)',
        body: wireSchema(TotpVerification),
        response: { 200: { anyOf: [{ type: 'boolean' }, sessionSchema] }, ...errorResponses, 423: errorEnvelope },
      },
    },
    async (request) => {
      const result = await mfa.verify(parse(TotpVerification, fromWire(request.body)), request.ctx);
      return result.kind === 'session' ? sessionView(result) : true;
    },
  );
}
