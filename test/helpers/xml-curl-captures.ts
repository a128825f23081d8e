// The mod_xml_curl requests captured from a real FreeSWITCH 1.10.12 (../shared/freeswitch), read
// as the README there describes: request line, CRLF headers, blank line, body byte for byte.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CAPTURES_DIR = fileURLToPath(new URL('../../../shared/freeswitch/xml_curl-requests/', import.meta.url));

export interface Capture {
  file: string;
  requestLine: string;
  headers: [string, string][];
  body: string;
}

export function captureFiles(): string[] {
  return readdirSync(CAPTURES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

export function loadCapture(file: string): Capture {
  const raw = readFileSync(`${CAPTURES_DIR}${file}`, 'latin1');
  const split = raw.indexOf('\r\n\r\n');
  const [requestLine, ...headerLines] = raw.slice(0, split).split('\r\n');
  const headers = headerLines.map((line): [string, string] => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);
  return { file, requestLine, headers, body: raw.slice(split + 4) };
}

/** The capture's body with some parameters replaced (encoded as FreeSWITCH encodes them). */
export function withParams(body: string, replace: Record<string, string>): string {
  return body
    .split('&')
    .map((pair) => {
      const key = decodeURIComponent(pair.split('=')[0]);
      return key in replace ? `${pair.split('=')[0]}=${encodeURIComponent(replace[key])}` : pair;
    })
    .join('&');
}

/** One parameter of a captured body, decoded. */
export function paramOf(body: string, name: string): string | undefined {
  for (const pair of body.split('&')) {
    const eq = pair.indexOf('=');
    if (decodeURIComponent(pair.slice(0, eq)) === name) return decodeURIComponent(pair.slice(eq + 1));
  }
  return undefined;
}
