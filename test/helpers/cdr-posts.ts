// The mod_json_cdr / mod_xml_cdr posts captured from FreeSWITCH 1.10 (../shared/freeswitch/
// cdr-posts), and variants of them built the way the modules build their bodies.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.ts';

export const CDR_POSTS_DIR = resolve(import.meta.dirname, '../../../shared/freeswitch/cdr-posts');

export interface CapturedPost {
  file: string;
  format: 'json' | 'xml';
  /** The query string FreeSWITCH sent (`uuid=...`). */
  query: string;
  headers: Record<string, string>;
  body: Buffer;
}

export function readCapture(file: string): CapturedPost {
  const raw = readFileSync(resolve(CDR_POSTS_DIR, file));
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split).toString('utf8').split('\r\n');
  const [, target] = head[0].split(' ');
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    file,
    format: file.startsWith('cdr-json') ? 'json' : 'xml',
    query: target.split('?')[1] ?? '',
    headers,
    body: raw.subarray(split + 4),
  };
}

export const captureFiles = () => readdirSync(CDR_POSTS_DIR).filter((f) => /^cdr-(json|xml)-.*\.txt$/.test(f)).sort();

/** Posts a body to the intake as FreeSWITCH would (its content type and user agent). */
export function postCdr(
  t: TestApp,
  body: string | Buffer,
  contentType: string,
  options: { url?: string; query?: string; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<LightMyRequestResponse> {
  const url = `${options.url ?? '/freeswitch/cdr'}${options.query ? `?${options.query}` : ''}`;
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    remoteAddress: options.remoteAddress,
    headers: { 'content-type': contentType, 'user-agent': 'freeswitch-json/1.0', ...options.headers },
  });
}

export function postCapture(t: TestApp, capture: CapturedPost, options: Parameters<typeof postCdr>[3] = {}) {
  return postCdr(t, capture.body, capture.headers['content-type'], { query: capture.query, headers: { 'user-agent': capture.headers['user-agent'] }, ...options });
}

// FreeSWITCH's switch_url_encode leaves these alone and escapes everything else.
const encodeLikeFreeswitch = (text: string) => encodeURIComponent(text).replace(/%2F/g, '/').replace(/%2C/gi, ',').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The JSON document of a captured mod_json_cdr post. */
export function jsonDocument(file = 'cdr-json-public-call-bridged-a-leg.txt'): any {
  return JSON.parse(readCapture(file).body.toString('utf8'));
}

/** The XML document of a captured mod_xml_cdr post (`cdr=` unwrapped and decoded). */
export function xmlDocument(file = 'cdr-xml-public-call-bridged-a-leg.txt'): string {
  return decodeURIComponent(readCapture(file).body.toString('utf8').slice(4));
}

/** Wraps a document as the module's `encode` setting would. */
export function encodeBody(document: string, encode: 'false' | 'true' | 'base64' | 'textxml', format: 'json' | 'xml'): { body: string; contentType: string } {
  switch (encode) {
    case 'true':
      return { body: `cdr=${encodeLikeFreeswitch(document)}`, contentType: 'application/x-www-form-urlencoded' };
    case 'base64':
      return { body: `cdr=${Buffer.from(document, 'utf8').toString('base64')}`, contentType: 'application/x-www-form-base64-encoded' };
    case 'textxml':
      return { body: document, contentType: 'text/xml' };
    case 'false':
      return format === 'json'
        ? { body: document, contentType: 'application/json' }
        : { body: `cdr=${document}`, contentType: 'application/x-www-form-plaintext' };
  }
}

export interface LegChanges {
  uuid: string;
  /** Variables to set (undefined deletes), applied before encoding. */
  variables?: Record<string, string | undefined>;
  /** Fields of every caller profile in the callflow. */
  profile?: Record<string, string>;
}

/** A JSON CDR derived from a capture: a new uuid and the given changes. */
export function jsonLeg(changes: LegChanges, file?: string): string {
  const doc = jsonDocument(file);
  const variables = { ...doc.variables, uuid: changes.uuid, call_uuid: changes.uuid, ...changes.variables };
  for (const [k, v] of Object.entries(variables)) if (v === undefined) delete variables[k];
  doc.variables = variables;
  for (const flow of doc.callflow) Object.assign(flow.caller_profile, changes.profile ?? {}, { uuid: changes.uuid });
  return JSON.stringify(doc);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An XML CDR derived from a capture, variables URL-encoded as mod_xml_cdr writes them. */
export function xmlLeg(changes: LegChanges, file?: string): string {
  let xml = xmlDocument(file);
  const variables: Record<string, string | undefined> = { uuid: changes.uuid, call_uuid: changes.uuid, ...changes.variables };
  for (const [name, value] of Object.entries(variables)) {
    const element = new RegExp(`(<variables>[\\s\\S]*?)<${name}>[^<]*</${name}>\\n\\s*`);
    xml = xml.replace(element, '$1');
    if (value !== undefined) xml = xml.replace('<variables>\n', `<variables>\n    <${name}>${encodeLikeFreeswitch(value)}</${name}>\n`);
  }
  for (const [field, value] of Object.entries({ ...changes.profile })) {
    xml = xml.replace(new RegExp(`<${field}>[^<]*</${field}>`, 'g'), `<${field}>${escapeXml(value)}</${field}>`);
  }
  return xml;
}

/** An extension for CDRs to be attributed to. Written straight to the database: the suites here
 * test CDRs, and this keeps them independent of the extensions API. */
export async function seedExtension(t: TestApp, tenantId: number, extension: string, userId?: number): Promise<void> {
  await t.app.database.db.extension.create({ data: { tenantId, extension, userId, passwordEnc: 'unused' } });
}
