// POST /freeswitch/cdr: where mod_json_cdr and mod_xml_cdr deliver each call leg. One endpoint
// reads both formats and every `encode` setting; /json and /xml are aliases so a config can say
// what it sends. FreeSWITCH retries (or writes the leg to disk) on anything but 2xx, so a leg
// already stored still answers 200 and a malformed post answers 400.
import type { FastifyInstance } from 'fastify';
import { createHttpGuard } from '../http-guard.ts';
import { decodeCdrBody } from './cdr-body.ts';
import { readCdrDocument } from './cdr-document.ts';
import { legOf } from './cdr-leg-of.ts';
import { errorEnvelope } from '../../errors.ts';

export const CDR_PATHS = ['/freeswitch/cdr', '/freeswitch/cdr/json', '/freeswitch/cdr/xml'];

export default async function cdrIntakeRoutes(app: FastifyInstance) {
  const guard = createHttpGuard(app.config.cdr, 'Switchyard CDR');
  // FreeSWITCH labels its posts application/json, x-www-form-urlencoded, x-www-form-plaintext,
  // x-www-form-base64-encoded or text/xml: take them all as text and let the body decide.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', async (request) => guard(request));

  for (const url of CDR_PATHS) {
    app.post<{ Querystring: { uuid?: string }; Body: string }>(
      url,
      {
        config: { auth: 'public' },
        schema: {
          tags: ['freeswitch'],
          summary: 'mod_json_cdr / mod_xml_cdr intake: stores each call leg once (HTTP Basic and/or source allowlist)',
          querystring: { type: 'object', properties: { uuid: { type: 'string', maxLength: 160 } } },
          response: {
            200: { type: 'object', properties: { uuid: { type: 'string' }, stored: { type: 'boolean' } } },
            400: errorEnvelope,
            401: errorEnvelope,
            403: errorEnvelope,
          },
        },
      },
      async (request) => {
        const payload = decodeCdrBody(request.body, request.headers['content-type']);
        const leg = legOf(readCdrDocument(payload), payload.text, request.query.uuid);
        const { uuid, stored } = await app.services.cdrs.intake(leg, request.ctx);
        return { uuid, stored };
      },
    );
  }
}
