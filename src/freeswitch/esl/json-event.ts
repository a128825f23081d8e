// A text/event-json body read in one pass over its bytes, keeping only the headers Switchyard
// reads on every event; any other header is there on demand, from a full JSON.parse done once.
// Why not JSON.parse every event: a channel event carries about 140 headers (every channel
// variable), past the 128 properties at which V8 builds the object as a hash table, and parsing
// it took about as long as everything else Switchyard does with the event (the bench profile).
// Skipping a header allocates nothing: its name is compared in place, by length first (the
// approach of the xml_curl form reader), and the engine's string search finds the quotes.
// FreeSWITCH writes the object flat, `{"name":"value",…}`, a multi-valued variable as an array of
// strings, the event's own body under `_body`; anything else (whitespace aside) makes the reader
// fall back to JSON.parse, so it is never wrong, only slower.

export interface EventHeaders {
  /** The header's value; a multi-valued variable comma-joined. */
  get(name: string): string | undefined;
}

/** The header names kept by the one pass, grouped by length. */
export class JsonFields {
  private readonly byLength: { name: string; first: number; last: number }[][] = [];
  private readonly names = new Set<string>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      if (this.names.has(name) || name === '') continue;
      this.names.add(name);
      (this.byLength[name.length] ??= []).push({ name, first: name.charCodeAt(0), last: name.charCodeAt(name.length - 1) });
    }
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** The kept name spelled by text[start, end), or undefined. */
  nameAt(text: string, start: number, end: number): string | undefined {
    const candidates = this.byLength[end - start];
    if (candidates === undefined) return undefined;
    // Most names of the same length differ in their first or last character: no string compare.
    const first = text.charCodeAt(start);
    const last = text.charCodeAt(end - 1);
    for (const c of candidates) if (c.first === first && c.last === last && text.startsWith(c.name, start)) return c.name;
    return undefined;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipSpace(text: string, at: number): number {
  let c = text.charCodeAt(at);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++at);
  return at;
}

/** The index of the quote closing the string whose content starts at `at` (-1 if none). */
function stringEnd(text: string, at: number): number {
  let quote = text.indexOf('"', at);
  // Escaped when an odd number of backslashes precede it.
  while (quote !== -1 && text.charCodeAt(quote - 1) === BACKSLASH) {
    let before = quote - 1;
    while (before > at && text.charCodeAt(before - 1) === BACKSLASH) before--;
    if ((quote - before) % 2 === 0) break;
    quote = text.indexOf('"', quote + 1);
  }
  return quote;
}

/** The index of the bracket closing the array of strings whose content starts at `at` (-1 if none). */
function arrayEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5d) return i;
    if (c === QUOTE) {
      i = stringEnd(text, i + 1);
      if (i === -1) return -1;
    }
  }
  return -1;
}

function hasEscape(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === BACKSLASH) return true;
  return false;
}

const joined = (value: unknown): string => (typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value));

/** The kept headers of a flat JSON object, or null when the body is not shaped as FreeSWITCH writes it. */
function pick(bytes: Buffer, fields: JsonFields): Map<string, string> | null {
  // Scanned as latin1, one character per byte, so positions are byte offsets and the engine's
  // string search finds the quotes; kept values are decoded as UTF-8 from the bytes themselves.
  const text = bytes.toString('latin1');
  const kept = new Map<string, string>();
  let at = skipSpace(text, 0);
  if (text.charCodeAt(at) !== 0x7b) return null;
  at = skipSpace(text, at + 1);
  if (text.charCodeAt(at) === 0x7d) return kept;
  for (;;) {
    if (text.charCodeAt(at) !== QUOTE) return null;
    const nameEnd = stringEnd(text, at + 1);
    if (nameEnd === -1) return null;
    const name = fields.nameAt(text, at + 1, nameEnd);
    at = skipSpace(text, nameEnd + 1);
    if (text.charCodeAt(at) !== 0x3a) return null;
    at = skipSpace(text, at + 1);
    let end: number;
    if (text.charCodeAt(at) === QUOTE) {
      end = stringEnd(text, at + 1);
      if (end === -1) return null;
      // Values are raw UTF-8; one with an escape (SDP's \r\n) is left to JSON.parse.
      if (name !== undefined) kept.set(name, hasEscape(text, at + 1, end) ? JSON.parse(bytes.toString('utf8', at, end + 1)) : bytes.toString('utf8', at + 1, end));
      end++;
    } else if (text.charCodeAt(at) === 0x5b) {
      end = arrayEnd(text, at + 1);
      if (end === -1) return null;
      end++;
      if (name !== undefined) kept.set(name, joined(JSON.parse(bytes.toString('utf8', at, end))));
    } else {
      return null;
    }
    at = skipSpace(text, end);
    if (text.charCodeAt(at) === 0x2c) at = skipSpace(text, at + 1);
    else return text.charCodeAt(at) === 0x7d ? kept : null;
  }
}

/** Every header of the object, by JSON.parse. */
function parseAll(bytes: Buffer): Map<string, string> {
  const all = new Map<string, string>();
  for (const [name, value] of Object.entries(JSON.parse(bytes.toString('utf8')) as Record<string, unknown>)) all.set(name, joined(value));
  return all;
}

/**
 * The headers of a JSON event body (`_body` among them). They hold the body's bytes for the
 * headers not picked, so an event should not be kept: take what it says and let it go.
 */
export function jsonEventHeaders(bytes: Buffer, fields: JsonFields): EventHeaders {
  const kept = pick(bytes, fields);
  let all: Map<string, string> | null = kept ? null : parseAll(bytes);
  return {
    get(name) {
      if (kept && fields.has(name)) return kept.get(name);
      return (all ??= parseAll(bytes)).get(name);
    },
  };
}
