// The Event Socket exchanges captured from a real FreeSWITCH 1.10 (../shared/freeswitch/esl-transcripts),
// read from their exact form (*.jsonl). The fake Event Socket replays these bytes; nothing here
// invents framing. The one composed frame kind, `deriveJsonEvent`, re-serialises a captured JSON
// event with changed values in the captured header layout (Content-Length in bytes, then
// Content-Type), so tests can place a captured call on another domain or uuid.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const TRANSCRIPTS_DIR = resolve(import.meta.dirname, '../../../shared/freeswitch/esl-transcripts');

export interface CapturedFrame {
  dir: 'C->S' | 'S->C' | 'note';
  t: number;
  data: string;
}

export interface Exchange {
  /** The client's command block without its terminating blank line. */
  command: string;
  /** The server's answer frames after it (command/reply, api/response, disconnect notice). */
  replies: string[];
  /** Event and log frames that arrived before the next command. */
  events: string[];
}

const cache = new Map<string, CapturedFrame[]>();

export function transcript(name: string): CapturedFrame[] {
  let frames = cache.get(name);
  if (!frames) {
    const text = readFileSync(resolve(TRANSCRIPTS_DIR, `${name}.jsonl`), 'utf8');
    frames = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as CapturedFrame);
    cache.set(name, frames);
  }
  return frames;
}

/** The server's frames of a transcript, in order (their concatenation is the captured byte stream). */
export function serverFrames(name: string): string[] {
  return transcript(name)
    .filter((f) => f.dir === 'S->C')
    .map((f) => f.data);
}

export function exchanges(name: string): Exchange[] {
  const out: Exchange[] = [];
  for (const frame of transcript(name)) {
    if (frame.dir === 'C->S') out.push({ command: frame.data.replace(/\n+$/, ''), replies: [], events: [] });
    else if (frame.dir === 'S->C' && out.length) {
      const type = contentType(frame.data);
      const last = out[out.length - 1];
      (type.startsWith('text/event-') || type === 'log/data' ? last.events : last.replies).push(frame.data);
    }
  }
  return out;
}

/** The replies to the first exchange of `name` whose command is `command` (exactly). */
export function repliesTo(name: string, command: string, occurrence = 0): string[] {
  const found = exchanges(name).filter((e) => e.command === command)[occurrence];
  if (!found) throw new Error(`${name} has no exchange "${command}" #${occurrence}`);
  return found.replies;
}

export function contentType(frame: string): string {
  const head = frame.slice(0, frame.indexOf('\n\n'));
  return /^Content-Type: (.*)$/m.exec(head)?.[1] ?? '';
}

/** The event frames (text/event-json, -plain, -xml) of a transcript. */
export function eventFrames(name: string, eventName?: string): string[] {
  return serverFrames(name).filter((f) => contentType(f).startsWith('text/event-') && (!eventName || eventNameOf(f) === eventName));
}

/** Event-Name (or `CUSTOM <subclass>`) of an event frame in any of the three formats. */
export function eventNameOf(frame: string): string {
  const body = frame.slice(frame.indexOf('\n\n') + 2);
  const pick = (header: string) =>
    new RegExp(`"${header}":\\s*"([^"]*)"`).exec(body)?.[1] ??
    new RegExp(`^${header}: (.*)$`, 'm').exec(body)?.[1] ??
    new RegExp(`<${header}>([^<]*)</${header}>`).exec(body)?.[1];
  const name = pick('Event-Name') ?? '';
  const subclass = pick('Event-Subclass');
  return name === 'CUSTOM' && subclass ? `CUSTOM ${decodeURIComponent(subclass)}` : name;
}

/** The JSON body of a captured text/event-json frame (multi-valued variables are arrays). */
export function jsonEventBody(frame: string): Record<string, string | string[]> {
  if (contentType(frame) !== 'text/event-json') throw new Error('not a JSON event frame');
  return JSON.parse(frame.slice(frame.indexOf('\n\n') + 2));
}

/**
 * A captured JSON event with some values changed: `set` overrides headers (undefined removes one),
 * `replace` rewrites a substring in every value. Content-Length is recounted in bytes.
 */
export function deriveJsonEvent(frame: string, change: { set?: Record<string, string | undefined>; replace?: [string, string][] } = {}): string {
  const event = jsonEventBody(frame);
  const swap = (value: string, from: string, to: string) => value.split(from).join(to);
  for (const [from, to] of change.replace ?? []) {
    for (const [key, value] of Object.entries(event)) event[key] = Array.isArray(value) ? value.map((v) => swap(v, from, to)) : swap(value, from, to);
  }
  for (const [key, value] of Object.entries(change.set ?? {})) {
    if (value === undefined) delete event[key];
    else event[key] = value;
  }
  const body = JSON.stringify(event);
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-json\n\n${body}`;
}
