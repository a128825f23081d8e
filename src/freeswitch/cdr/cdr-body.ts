// Unwraps the body of a mod_json_cdr / mod_xml_cdr POST into the CDR document it carries.
// The modules' `encode` setting decides the wrapping (read from their sources):
//   json_cdr  false → raw JSON (application/json)      true → cdr=<url-encoded JSON>   base64 → cdr=<base64>
//   xml_cdr   false → cdr=<raw XML> (…-form-plaintext) true → cdr=<url-encoded XML>    base64 → cdr=<base64>
//             textxml → raw XML (text/xml)
// The content is what decides, not the header, so a mislabelled post is still read.
import { badRequest } from '../../errors.ts';

export type CdrFormat = 'json' | 'xml';

export interface CdrPayload {
  format: CdrFormat;
  text: string;
}

const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw badRequest('The cdr field is not valid URL encoding');
  }
}

function unwrapField(value: string, contentType: string): string {
  if (value.startsWith('<') || value.startsWith('{')) return value;
  if (value.startsWith('%')) return formDecode(value);
  if (contentType === 'application/x-www-form-base64-encoded' || BASE64.test(value)) {
    return Buffer.from(value, 'base64').toString('utf8');
  }
  return formDecode(value);
}

export function decodeCdrBody(body: string | undefined, contentTypeHeader: string | undefined): CdrPayload {
  const contentType = (contentTypeHeader ?? '').split(';')[0].trim().toLowerCase();
  let text = (body ?? '').trim();
  if (!text) throw badRequest('Empty CDR post');
  if (text.startsWith('cdr=')) text = unwrapField(text.slice(4).trim(), contentType).trim();
  // Tolerate a UTF-8 byte order mark from hand-made posts.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.startsWith('{')) return { format: 'json', text };
  if (text.startsWith('<')) return { format: 'xml', text };
  throw badRequest('The body is neither a JSON nor an XML CDR');
}
