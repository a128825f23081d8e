// An event frame's body as a RawEvent, in each of the three formats FreeSWITCH sends (as captured):
// - text/event-json: one flat object of strings (a multi-valued variable is an array), the event's
//   own body under `_body`; values are raw UTF-8, not URL-encoded. Switchyard subscribes in JSON,
//   read in one pass that keeps only the headers asked for (json-event.ts).
// - text/event-plain: a second header block whose values are URL-encoded, then, when it carries a
//   Content-Length, that many bytes of body (BACKGROUND_JOB's api output).
// - text/event-xml: <event><headers><Name>value</Name>…</headers>, values URL-encoded and
//   XML-escaped; a body follows the headers as <Content-Length> and <body> (switch_event_xmlize).
import { parseHeaderBlock, safeDecode } from './frame-reader.ts';
import { jsonEventHeaders, type EventHeaders, type JsonFields } from './json-event.ts';

/** An event as received; read what it says while handling it, do not keep it (it holds the frame's bytes). */
export interface RawEvent {
  name: string;
  subclass: string | null;
  /** Header values as strings; a multi-valued variable (a JSON array, e.g. variable_DP_MATCH) is comma-joined. */
  headers: EventHeaders;
  body: string;
}

/** Headers every event is read for, whatever else the consumer asks. */
export const ENVELOPE_HEADERS = ['Event-Name', 'Event-Subclass', 'Job-UUID', '_body'];

function event(headers: EventHeaders, body: string): RawEvent {
  return { name: headers.get('Event-Name') ?? '', subclass: headers.get('Event-Subclass') ?? null, headers, body };
}

function fromPlain(bytes: Buffer): RawEvent {
  let end = bytes.indexOf('\n\n');
  if (end === -1) end = bytes.length;
  const headers = parseHeaderBlock(bytes.toString('latin1', 0, end));
  const length = Number.parseInt(headers.get('Content-Length') ?? '', 10);
  return event(headers, length > 0 ? bytes.toString('utf8', end + 2, end + 2 + length) : '');
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.indexOf('&') === -1 ? text : text.replace(ENTITY, (_, hex, dec, name) => (name ? NAMED[name] : String.fromCodePoint(parseInt(hex ?? dec, hex ? 16 : 10))));

const XML_HEADER = /<([^\s<>/]+)>([^<]*)<\/\1>/g;

function fromXml(text: string): RawEvent {
  const headersEnd = text.indexOf('</headers>');
  const block = text.slice(text.indexOf('<headers>') + 9, headersEnd === -1 ? text.length : headersEnd);
  const headers = new Map<string, string>();
  for (const [, name, value] of block.matchAll(XML_HEADER)) headers.set(name, safeDecode(unescapeXml(value)));
  const body = headersEnd === -1 ? null : /<body>([\s\S]*)<\/body>/.exec(text.slice(headersEnd))?.[1];
  return event(headers, body ? unescapeXml(body) : '');
}

/** The event in an event frame's body, or null for a content type that is not an event. */
export function parseEvent(contentType: string, body: Buffer | null, fields: JsonFields): RawEvent | null {
  const bytes = body ?? Buffer.alloc(0);
  switch (contentType) {
    case 'text/event-json': {
      const headers = jsonEventHeaders(bytes, fields);
      return event(headers, headers.get('_body') ?? '');
    }
    case 'text/event-plain':
      return fromPlain(bytes);
    case 'text/event-xml':
      return fromXml(bytes.toString('utf8'));
    default:
      return null;
  }
}
