// POST /freeswitch/xml (and /freeswitch/xml/:section): where mod_xml_curl fetches directory,
// dialplan and configuration. Served by the app and by the xml_curl listener thread alike, each
// with its own `answer`. Guarded by HTTP Basic and/or a source allowlist (loopback only when
// neither is configured), never by the JWT; answers text/xml, "not found" for legitimate misses,
// 400 for a body that is not a fetch. Nothing here sheds load with 503: a failed directory fetch
// is a failed registration.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FreeswitchHttpAccess } from '../../config.ts';
import { badRequest, errorEnvelope } from '../../errors.ts';
import { deferredChildLogger } from '../../logging.ts';
import { createHttpGuard } from '../http-guard.ts';
import { MalformedBody, parseForm, type FetchParams, type FormFields } from './form-body.ts';
import type { Xml } from './xml.ts';

const XML_CURL_PATHS = ['/freeswitch/xml', '/freeswitch/xml/:section'];
const FORM = 'application/x-www-form-urlencoded';

export interface FetchRoutesOptions {
  access: FreeswitchHttpAccess;
  /** The fields of a fetch the answers read. */
  fields: FormFields;
  answer(section: string, params: FetchParams): Promise<Xml | string>;
}

/** What may be logged about a bad fetch: its shape, never its values (they carry digests and names). */
function rejected(request: FastifyRequest, reason: string) {
  request.log.warn({ reason, contentType: request.headers['content-type'], bytes: Number(request.headers['content-length'] ?? 0) }, 'xml_curl: malformed fetch');
  return badRequest(`Not a mod_xml_curl fetch: ${reason}`);
}

/** Adds the guard, the form parser and the routes to `app`, which should hold nothing else. */
export function registerFetchRoutes(app: FastifyInstance, { access, fields, answer }: FetchRoutesOptions): void {
  const guard = createHttpGuard(access, 'Switchyard xml_curl');
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      guard(request);
      done();
    } catch (err) {
      done(err as Error);
    }
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 1024 * 1024 }, (request, body, done) => {
    try {
      done(null, parseForm(body as string, fields));
    } catch (err) {
      done(err instanceof MalformedBody ? rejected(request, err.message) : (err as Error), undefined);
    }
  });
  app.addContentTypeParser('*', (request, _payload, done) => done(rejected(request, `content type ${request.headers['content-type']}`), undefined));

  for (const url of XML_CURL_PATHS) {
    app.post<{ Body: FetchParams | undefined; Params: { section?: string } }>(
      url,
      {
        config: { auth: 'none' },
        logLevel: 'warn',
        childLoggerFactory: deferredChildLogger,
        schema: {
          tags: ['freeswitch'],
          summary: 'mod_xml_curl: directory, dialplan and configuration for FreeSWITCH (HTTP Basic and/or source allowlist)',
          consumes: [FORM],
          ...(url.includes(':section') ? { params: { type: 'object', properties: { section: { type: 'string', pattern: '^[a-z_]{1,32}$' } } } } : {}),
          response: {
            200: { description: '<document type="freeswitch/xml">, or the "not found" result', type: 'string' },
            400: errorEnvelope,
            401: errorEnvelope,
            403: errorEnvelope,
          },
        },
      },
      async (request, reply) => {
        const params = request.body;
        if (!params) throw rejected(request, 'empty body');
        const section = params.section || request.params.section;
        if (!section) throw rejected(request, 'no section');
        if (request.params.section && params.section && request.params.section !== params.section) throw rejected(request, 'section differs from the URL');
        const xml = await answer(section, params);
        return reply.header('content-type', 'text/xml; charset=utf-8').send(xml);
      },
    );
  }
}
