// The Event Socket's framing, as the captured FreeSWITCH 1.10 streams show it: a block of
// `Name: value` lines ending in a blank line (LF only), then exactly Content-Length BYTES of body
// when that header is present. Several frames may share one read and one frame may span many, so
// bytes are kept as Buffers until a whole frame is there, and a body is cut by bytes before it is
// ever decoded (the captured `Zoë Ünal 日本` events have fewer characters than bytes).

export interface Frame {
  /** The outer headers, values URL-decoded (FreeSWITCH encodes them in some replies). */
  headers: Map<string, string>;
  /** The body's bytes: a view on what was read (never written over, but holding it holds the read). */
  body: Buffer | null;
}

const BLANK_LINE = Buffer.from('\n\n');

/** decodeURIComponent that leaves a malformed escape as it was instead of throwing. */
export function safeDecode(value: string): string {
  if (value.indexOf('%') === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `Name: value` lines; values URL-decoded. A line without `: ` is a name with an empty value. */
export function parseHeaderBlock(text: string): Map<string, string> {
  const into = new Map<string, string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const colon = text.indexOf(': ', start);
      if (colon === -1 || colon > end) into.set(text.slice(start, end), '');
      else into.set(text.slice(start, colon), safeDecode(text.slice(colon + 2, end)));
    }
    start = end + 1;
  }
  return into;
}

/**
 * Feeds socket reads in and calls `onFrame` for every whole frame, in order. Reads are only
 * joined once the frame under way can be complete, so a 68 KB body arriving in 64 KB reads is
 * copied once, not once per read.
 */
export function createFrameReader(onFrame: (frame: Frame) => void) {
  let chunks: Buffer[] = [];
  let buffered = 0;
  /** Bytes needed before parsing again is worth it: the frame under way's length, when known. */
  let needed = 1;

  function parse(buffer: Buffer): number {
    let at = 0;
    while (at < buffer.length) {
      const headEnd = buffer.indexOf(BLANK_LINE, at);
      if (headEnd === -1) {
        needed = buffer.length - at + 1;
        return at;
      }
      // Header blocks are ASCII (values are URL-encoded), so latin1 decodes them exactly.
      const headers = parseHeaderBlock(buffer.toString('latin1', at, headEnd));
      const length = Number.parseInt(headers.get('Content-Length') ?? '0', 10) || 0;
      const bodyStart = headEnd + 2;
      if (buffer.length - bodyStart < length) {
        needed = bodyStart - at + length;
        return at;
      }
      at = bodyStart + length;
      onFrame({ headers, body: length > 0 ? buffer.subarray(bodyStart, at) : null });
    }
    needed = 1;
    return at;
  }

  return {
    push(chunk: Buffer) {
      chunks.push(chunk);
      buffered += chunk.length;
      if (buffered < needed) return;
      const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, buffered);
      const used = parse(buffer);
      // The rest is copied so that it does not pin the whole read in memory.
      const rest = used < buffer.length ? Buffer.from(buffer.subarray(used)) : null;
      chunks = rest ? [rest] : [];
      buffered = rest ? rest.length : 0;
    },
  };
}
