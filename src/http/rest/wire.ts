// The ICTPBX client's words are the snake_case of the domain's field names (`callerIdPrefix` is
// `caller_id_prefix`): a resource's schema becomes the route's JSON schema (and OpenAPI), a body
// becomes a domain input, and a domain view becomes an answer, all by that one rule.
import { wireField } from '../../errors.ts';

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A plain object: a literal, parsed JSON, or a parsed querystring (whose prototype is its parser's). */
const isPlain = (value: unknown): value is Record<string, unknown> => Object.prototype.toString.call(value) === '[object Object]';

function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (!isPlain(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]));
}

/** Field names seen so far in the client's words (views have a few hundred; bounded all the same). */
const wireNames = new Map<string, string>();
function wireName(key: string): string {
  let name = wireNames.get(key);
  if (name === undefined) {
    name = wireField(key);
    if (wireNames.size < 10_000) wireNames.set(key, name);
  }
  return name;
}

/** A view's own objects: literals (not Dates, Buffers or class instances). */
const isLiteral = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function viewToWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(viewToWire);
  if (!isLiteral(value)) return value;
  // Every answer of a list passes here once per row: a plain loop, each name converted once per process.
  const out: Record<string, unknown> = {};
  for (const key in value) out[wireName(key)] = viewToWire(value[key]);
  return out;
}

/** A domain object in the client's words. */
export const toWire = <T>(value: T): Record<string, unknown> => viewToWire(value) as Record<string, unknown>;

/** A body in the domain's words. */
export const fromWire = <T = Record<string, unknown>>(value: unknown): T => renameKeys(value, camel) as T;

/** A resource schema as the route's JSON schema: property names (and `required`) in the client's words. */
export function wireSchema(schema: object): object {
  if (Array.isArray(schema)) return schema.map(wireSchema);
  if (!isPlain(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isPlain(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [wireField(k), wireSchema(v as object)]));
    else if (key === 'required' && Array.isArray(value)) out[key] = value.map((k: string) => wireField(k));
    else out[key] = typeof value === 'object' && value !== null ? wireSchema(value) : value;
  }
  return out;
}

/** An answer's schema in the client's words, with the fields REST renders otherwise (`active` as 1/0, say). */
export function wireAnswer(schema: object, overrides: Record<string, object>): object {
  const wire = wireSchema(schema) as { properties: Record<string, object> };
  return { ...wire, properties: { ...wire.properties, ...overrides } };
}
