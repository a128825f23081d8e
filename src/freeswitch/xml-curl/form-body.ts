// The application/x-www-form-urlencoded body mod_xml_curl posts. Duplicate keys keep their first
// value (xml_locate sends `section` twice: among the five basic fields and as its own parameter).
// FreeSWITCH never encodes a space as "+", but standard form decoding is applied all the same.
// A dialplan fetch carries the whole channel (3–8 KB, 150 fields) of which the answer reads a
// handful, so only the fields asked for are decoded and kept.

export type FetchParams = Record<string, string>;

export class MalformedBody extends Error {}

function decode(text: string): string {
  if (text.indexOf('%') < 0 && text.indexOf('+') < 0) return text;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw new MalformedBody('invalid percent-encoding');
  }
}

/** The fields of `body` named in `wanted` (every field when not given), decoded. */
export function parseForm(body: string, wanted?: ReadonlySet<string>): FetchParams {
  const params: FetchParams = Object.create(null);
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('&', start);
    if (end < 0) end = body.length;
    if (end > start) {
      const eq = body.indexOf('=', start);
      const hasValue = eq >= 0 && eq < end;
      const key = decode(body.slice(start, hasValue ? eq : end));
      if ((!wanted || wanted.has(key)) && !(key in params)) params[key] = hasValue ? decode(body.slice(eq + 1, end)) : '';
    }
    start = end + 1;
  }
  return params;
}
