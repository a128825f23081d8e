// What every input of the API must be, whatever the route: numbers finite and within the
// database's integers (PostgreSQL's int is 32-bit), strings without NUL (PostgreSQL's text cannot
// hold it), and bodies without fields the route does not know (named in the 400, never dropped).
// Applied to each route's schemas as it is added, so one rule holds everywhere; without it
// "1e999" coerced to Infinity passed every range check, and 2^63 in a path reached the database.
import type { Ajv } from 'ajv';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { nulIn, nulRefused } from '../domain/shared/nul-characters.ts';

export const INT_MIN = -2_147_483_648;
export const INT_MAX = 2_147_483_647;
const NUMBER_LIMIT = 1e15;

type JsonSchema = Record<string, unknown>;

const isNumeric = (type: unknown) =>
  type === 'integer' || type === 'number' || (Array.isArray(type) && type.some((t) => t === 'integer' || t === 'number'));

/** A copy of `schema` with the limits above; `closed` also closes objects that do not say. */
function limited(schema: unknown, closed: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => limited(s, closed));
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'properties' || key === 'patternProperties' || key === 'definitions' || key === '$defs'
      ? Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, limited(v, closed)]))
      : typeof value === 'object' ? limited(value, closed) : value;
  }
  if (isNumeric(out.type)) {
    out.finite = true;
    const integer = out.type === 'integer' || (Array.isArray(out.type) && out.type.includes('integer') && !out.type.includes('number'));
    const [min, max] = integer ? [INT_MIN, INT_MAX] : [-NUMBER_LIMIT, NUMBER_LIMIT];
    if (typeof out.minimum !== 'number' || out.minimum < min) out.minimum = min;
    if (typeof out.maximum !== 'number' || out.maximum > max) out.maximum = max;
  }
  if (closed && out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function refuseNul(request: FastifyRequest): void {
  const found = nulIn(request.params, 'params') ?? nulIn(request.query, 'querystring') ?? nulIn(request.body, 'body');
  if (found) throw nulRefused(found);
}

/**
 * The keywords Switchyard's schemas carry beyond JSON Schema: `finite` (a coerced "1e999" is
 * Infinity, which ajv's own range checks let through), and the resource schemas' wording of a
 * problem (domain/shared/schema.ts), which ajv only needs to know.
 */
export function addSchemaKeywords(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: 'finite',
    schemaType: 'boolean',
    errors: false,
    validate: (on: boolean, data: unknown) => !on || typeof data !== 'number' || Number.isFinite(data),
  });
  ajv.addKeyword({ keyword: 'patternMessage', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'typeMessage', schemaType: 'string' });
}

/** "body/bogus is not a field of this request" for ajv's additionalProperties errors. */
export function schemaErrorMessage(errors: { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }[], dataVar: string): Error {
  const e = errors[0];
  const path = `${dataVar}${e.instancePath}`;
  if (e.keyword === 'additionalProperties') return new Error(`${path}/${String(e.params.additionalProperty)} is not a field of this request`);
  if (e.keyword === 'finite') return new Error(`${path} must be a finite number`);
  // The resource schema's own wording of a pattern or a type (domain/shared/schema.ts).
  const wording = (e as { parentSchema?: { patternMessage?: string; typeMessage?: string } }).parentSchema;
  if (e.keyword === 'pattern' && wording?.patternMessage) return new Error(`${path} ${wording.patternMessage}`);
  if ((e.keyword === 'anyOf' || e.keyword === 'type') && wording?.typeMessage) return new Error(`${path} ${wording.typeMessage}`);
  return new Error(`${path} ${e.message ?? 'is invalid'}`);
}

async function inputLimits(app: FastifyInstance) {
  // The ICTPBX client sends every DELETE as application/json with no body: an empty JSON body is
  // no body, not a 400. Anything else is read by Fastify's own parser (prototype poisoning refused).
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else json(request, body as string, done);
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api')) return;
    const schema = route.schema as FastifySchema | undefined;
    if (schema) {
      route.schema = {
        ...schema,
        ...(schema.params ? { params: limited(schema.params, false) } : {}),
        ...(schema.querystring ? { querystring: limited(schema.querystring, false) } : {}),
        ...(schema.body ? { body: limited(schema.body, true) } : {}),
      };
    }
    const existing = route.preValidation ? [route.preValidation].flat() : [];
    route.preValidation = [...existing, async (request) => refuseNul(request)];
  });
}

export default fp(inputLimits, { name: 'input-limits' });
