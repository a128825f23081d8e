// The one-pass reader of JSON events against every JSON event FreeSWITCH 1.10 sent in the
// captures: it must say what JSON.parse says (escaped SDP, arrays, raw UTF-8), and normalising
// an event must read nothing outside the headers the link picks out in that pass.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENVELOPE_HEADERS } from '../../../src/freeswitch/esl/event-parser.ts';
import { JsonFields, jsonEventHeaders, type EventHeaders } from '../../../src/freeswitch/esl/json-event.ts';
import { NORMALISED_HEADERS, normalise } from '../../../src/freeswitch/esl/normalise.ts';
import { contentType, jsonEventBody, serverFrames, TRANSCRIPTS_DIR } from '../../helpers/esl-transcripts.ts';

const capturedJsonEvents = readdirSync(TRANSCRIPTS_DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => serverFrames(f.replace(/\.jsonl$/, '')))
  .filter((frame) => contentType(frame) === 'text/event-json');

const bodyBytes = (frame: string) => Buffer.from(frame.slice(frame.indexOf('\n\n') + 2), 'utf8');
const joined = (v: string | string[]) => (Array.isArray(v) ? v.join(',') : v);

describe('JSON event reader', () => {
  it('has captured events to read, escapes, arrays and multi-byte values among them', () => {
    expect(capturedJsonEvents.length).toBeGreaterThan(100);
    const bodies = capturedJsonEvents.map((f) => f.slice(f.indexOf('\n\n') + 2));
    expect(bodies.some((b) => b.includes('\\r\\n'))).toBe(true);
    expect(bodies.some((b) => b.includes('":['))).toBe(true);
    expect(bodies.some((b) => b.includes('Zoë Ünal 日本'))).toBe(true);
  });

  it('reads every captured event as JSON.parse does, picked headers and the rest alike', () => {
    for (const frame of capturedJsonEvents) {
      const parsed = jsonEventBody(frame);
      const names = Object.keys(parsed);
      // Half the names picked in the one pass, the other half left to the on-demand parse.
      const headers = jsonEventHeaders(bodyBytes(frame), new JsonFields(names.filter((_, i) => i % 2 === 0)));
      for (const name of names) expect(headers.get(name), name).toBe(joined(parsed[name]));
      expect(headers.get('No-Such-Header')).toBeUndefined();
    }
  });

  it('a body not shaped as FreeSWITCH writes it (indented, nested) is still read right', () => {
    const parsed = jsonEventBody(capturedJsonEvents[0]);
    const fields = new JsonFields(['Event-Name', 'Nested']);
    const indented = jsonEventHeaders(Buffer.from(JSON.stringify(parsed, null, 2)), fields);
    expect(indented.get('Event-Name')).toBe(parsed['Event-Name']);
    const nested = jsonEventHeaders(Buffer.from(JSON.stringify({ ...parsed, Nested: { a: 1 } })), fields);
    expect(nested.get('Event-Name')).toBe(parsed['Event-Name']);
    expect(nested.get('Core-UUID')).toBe(parsed['Core-UUID']);
  });

  it('normalising a captured event reads only the headers the link picks out', () => {
    const picked = new Set([...ENVELOPE_HEADERS, ...NORMALISED_HEADERS]);
    const read = new Set<string>();
    for (const frame of capturedJsonEvents) {
      const headers = jsonEventHeaders(bodyBytes(frame), new JsonFields(picked));
      const recording: EventHeaders = { get: (name) => (read.add(name), headers.get(name)) };
      normalise('fs1', { name: headers.get('Event-Name') ?? '', subclass: headers.get('Event-Subclass') ?? null, headers: recording, body: headers.get('_body') ?? '' });
    }
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !picked.has(name))).toEqual([]);
  });
});
