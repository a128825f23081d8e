// Helpers every REST route module uses: id params, list queries, the error envelope schema,
// and sending a page as ICTCore does (a bare array) with the total in X-Total-Count.
import type { FastifyReply } from 'fastify';
import { listQueryProperties, type Page } from '../../domain/shared/list.ts';
import { errorEnvelope } from '../../errors.ts';

export { errorEnvelope };

export const errorResponses = {
  400: errorEnvelope,
  401: errorEnvelope,
  403: errorEnvelope,
  404: errorEnvelope,
  409: errorEnvelope,
  428: errorEnvelope,
};

export function idParams(...names: string[]) {
  return {
    type: 'object',
    required: names,
    properties: Object.fromEntries(names.map((n) => [n, { type: 'integer', minimum: 1 }])),
  } as const;
}

/** A list querystring: paging, `sort` (a field name, `-field` for descending) and the filters. */
export function listQuery(filters: Record<string, object>, sortable: string[]) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...listQueryProperties,
      sort: { type: 'string', description: `Sort field, "-" prefix for descending: ${sortable.join(', ')}` },
      ...filters,
    },
  } as const;
}

export const arrayOf = (item: object) => ({ type: 'array', items: item }) as const;

/**
 * A page as ICTCore sends it: a bare array, the total in X-Total-Count; with `?totalrows` (the
 * ICTPBX client's count request) only the total, as a bare number.
 */
export function sendPage<T, V>(reply: FastifyReply, result: Page<T>, view: (item: T) => V): V[] | number {
  reply.header('x-total-count', String(result.total));
  if (reply.request.query && Object.hasOwn(reply.request.query as object, 'totalrows')) {
    // A bare number, not the array the route's response schema describes.
    reply.serializer(JSON.stringify);
    return result.total;
  }
  return result.items.map((item) => view(item));
}

/** A bare JSON string (e.g. a new UUID): Fastify would otherwise send a string as text/plain. */
export function sendJsonString(reply: FastifyReply, value: string) {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export { unixSeconds } from '../../domain/shared/unix-time.ts';
export const flag = (b: boolean) => (b ? 1 : 0);
