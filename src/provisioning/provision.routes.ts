// GET /provision/<file>: phones fetch their configuration here, outside the signed-in API (a
// phone has no JWT). <file> is the MAC address alone (any usual spelling: the device's main
// file, the URL the client shows) or a vendor's own file name: <mac>.cfg (Yealink; Polycom's
// master file), <mac>.xml (Polycom's master file), <mac>-phone.cfg (Polycom), cfg<mac>.xml
// (Grandstream). A name that is not its device's vendor's answers 404.
//
// Who may fetch, per device (as the CDR intake guards FreeSWITCH's posts, freeswitch/http-guard.ts):
// its HTTP credentials (Digest or Basic) and/or its allowlist of CIDRs (its own, else its
// profile's); with both, both must pass. A device with neither is never served (403). The source
// address is the socket's, never X-Forwarded-For.
//
// An unknown MAC answers 404 and nothing else, as the issue asks; a known one without credentials
// answers 401 with the challenges, so whether a MAC is known can be learnt, but MAC addresses are
// printed on the phones and are not what protects the file: its credentials are. What is made
// expensive is guessing either: an address whose failures (unknown MAC, wrong credentials, refused
// source) pass PROVISION_FAILURES_PER_MINUTE in a minute gets 429 until the minute is over (one
// vendor prefix holds 16.7 million MACs). Nothing of a request's credentials or of the
// rendered file (SIP passwords) is logged; the Authorization header is redacted (logging.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BlockList } from 'node:net';
import { normaliseMac } from '../domain/devices/mac-address.ts';
import type { ProvisionTarget } from '../domain/devices/provisioning.ts';
import type { VendorFile } from '../domain/devices/vendors.ts';
import { errorBody, AppError, errorEnvelope } from '../errors.ts';
import { blockListOf, normalise } from '../freeswitch/http-guard.ts';
import { createRateLimiter } from '../infra/rate-limiter.ts';
import { createHttpAuth } from './http-auth.ts';
import { loadProvisionTemplates } from './provision-templates.ts';
import { renderProvisionFile } from './render.ts';

export const PROVISION_REALM = 'Switchyard provisioning';

/** The MAC address a file name asks for, and the vendor file name (null: the device's main file). */
function requested(file: string): { mac: string; name: string | null } | null {
  const vendorFile = /^(?:cfg([0-9a-f]{12})\.xml|([0-9a-f]{12})(?:\.cfg|\.xml|-phone\.cfg))$/i.exec(file);
  if (vendorFile) return { mac: (vendorFile[1] ?? vendorFile[2]).toLowerCase(), name: file.toLowerCase() };
  const mac = normaliseMac(file);
  return mac ? { mac, name: null } : null;
}

const fileOf = (target: ProvisionTarget, name: string | null): VendorFile | undefined =>
  name === null ? target.vendor.main : target.vendor.files.find((f) => f.name(target.data.mac) === name);

export default async function provisioningRoutes(app: FastifyInstance) {
  const templates = loadProvisionTemplates(app.config.xmlCurl.templatesDir);
  const auth = createHttpAuth(PROVISION_REALM);
  const failures = createRateLimiter(app.config.provisioning.failuresPerMinute, 60_000);
  const blockedUntil = new Map<string, number>();
  const { provisioning } = app.services.devices;

  const refuse = (reply: FastifyReply, status: number, reason: string, message: string) => reply.code(status).header('cache-control', 'no-store').send(errorBody(new AppError(status, reason, message)));

  function failed(source: string): void {
    const wait = failures.hit(source);
    if (wait > 0) {
      if (blockedUntil.size >= 10_000) blockedUntil.clear();
      blockedUntil.set(source, Date.now() + wait * 1000);
    }
  }

  function sourceAllowed(source: string, cidrs: string[]): boolean {
    if (cidrs.length === 0) return true;
    const list: BlockList = blockListOf(cidrs);
    const address = normalise(source);
    return address.address !== '' && list.check(address.address, address.type);
  }

  async function serve(request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) {
    const source = request.socket.remoteAddress ?? '';
    const until = blockedUntil.get(source);
    if (until !== undefined) {
      if (until > Date.now()) {
        reply.header('retry-after', String(Math.ceil((until - Date.now()) / 1000)));
        return refuse(reply, 429, 'TOO_MANY_REQUESTS', 'Too many failed requests; try again later');
      }
      blockedUntil.delete(source);
    }
    const wanted = requested(request.params.file);
    const target = wanted ? await provisioning.target(wanted.mac) : null;
    const file = target && wanted ? fileOf(target, wanted.name) : undefined;
    if (!target || !file) {
      failed(source);
      return refuse(reply, 404, 'NOT_FOUND', 'Not found');
    }
    const { access } = target;
    if (!access.username && access.allow.length === 0) return refuse(reply, 403, 'FORBIDDEN', 'This device has no provisioning credentials or allowed addresses');
    if (!sourceAllowed(source, access.allow)) {
      failed(source);
      return refuse(reply, 403, 'FORBIDDEN', 'Source address not allowed');
    }
    if (access.username) {
      const verdict = auth.verify(request.headers.authorization, request.method, request.url, access);
      if (verdict !== 'ok') {
        if (verdict === 'wrong') failed(source);
        reply.header('www-authenticate', auth.challenges(verdict === 'stale'));
        return refuse(reply, 401, 'UNAUTHORIZED', 'Credentials required');
      }
    }
    const body = renderProvisionFile(templates, file, target);
    request.log.info({ device: target.deviceId, file: file.template }, 'provisioning file served');
    return reply.code(200).header('content-type', file.contentType).header('cache-control', 'no-store').send(body);
  }

  app.get<{ Params: { file: string } }>(
    '/provision/:file',
    {
      config: { auth: 'none' },
      schema: {
        tags: ['provisioning'],
        summary: "A phone's configuration file, by MAC address or the vendor's file name (device HTTP Digest/Basic credentials and/or allowlist)",
        params: { type: 'object', required: ['file'], properties: { file: { type: 'string', maxLength: 64 } } },
        response: { 200: { type: 'string' }, 401: errorEnvelope, 403: errorEnvelope, 404: errorEnvelope, 429: errorEnvelope },
      },
    },
    serve,
  );
}
