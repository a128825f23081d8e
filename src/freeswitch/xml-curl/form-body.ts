// The application/x-www-form-urlencoded body mod_xml_curl posts. Duplicate keys keep their first
// value (xml_locate sends `section` twice: among the five basic fields and as its own parameter).
// FreeSWITCH never encodes a space as "+", but standard form decoding is applied all the same.
// A dialplan fetch carries the whole channel (3–8 KB, 150 fields) of which the answer reads a
// handful, so only the fields asked for are decoded and kept; the others are passed over without
// being cut out of the body (at thousands of fetches a second, cutting every key out made a fifth
// of the garbage each answer left behind).

export type FetchParams = Record<string, string>;

export class MalformedBody extends Error {}

function decode(text: string): string {
  let decoded = text;
  if (text.indexOf('%') >= 0 || text.indexOf('+') >= 0) {
    try {
      decoded = decodeURIComponent(text.replaceAll('+', ' '));
    } catch {
      throw new MalformedBody('invalid percent-encoding');
    }
  }
  // No name or number FreeSWITCH asks about holds NUL, and PostgreSQL's text cannot.
  if (decoded.indexOf('\u0000') >= 0) throw new MalformedBody('NUL character in a field');
  return decoded;
}

/** Whether body[start, end) holds an escape ("%xx" or "+"). */
function escaped(body: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x25 || c === 0x2b) return true;
  }
  return false;
}

/** The names of the fields to keep, grouped by length so that a key is compared where it lies. */
export class FormFields {
  readonly #byLength = new Map<number, string[]>();
  /** Each name once, in the order given. */
  readonly names: readonly string[];
  readonly #names: ReadonlySet<string>;

  constructor(names: Iterable<string>) {
    this.#names = new Set(names);
    this.names = [...this.#names];
    for (const name of this.#names) {
      const same = this.#byLength.get(name.length);
      if (same) same.push(name);
      else this.#byLength.set(name.length, [name]);
    }
  }

  /** The kept name that body[start, end) spells, decoded; undefined for any other key. */
  nameAt(body: string, start: number, end: number): string | undefined {
    const candidates = this.#byLength.get(end - start);
    if (candidates) for (const name of candidates) if (body.startsWith(name, start)) return name;
    if (!escaped(body, start, end)) return undefined;
    const key = decode(body.slice(start, end));
    return this.#names.has(key) ? key : undefined;
  }
}

/** The fields of `body` named in `wanted`, decoded. */
export function parseForm(body: string, wanted: FormFields): FetchParams {
  const params: FetchParams = Object.create(null);
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('&', start);
    if (end < 0) end = body.length;
    if (end > start) {
      const eq = body.indexOf('=', start);
      const hasValue = eq >= 0 && eq < end;
      const key = wanted.nameAt(body, start, hasValue ? eq : end);
      if (key !== undefined && !(key in params)) params[key] = hasValue ? decode(body.slice(eq + 1, end)) : '';
    }
    start = end + 1;
  }
  return params;
}
