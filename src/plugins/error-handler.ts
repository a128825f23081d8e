// Every error leaves as { error: { code, reason, message } }: AppErrors as they are, Fastify's
// validation errors as 400 naming the field, unknown routes as 404, anything else as 500 with
// the detail kept in the log only.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody } from '../errors.ts';

const prismaCodes: Record<string, () => AppError> = {
  P2002: () => new AppError(409, 'CONFLICT', 'A record with the same unique value already exists'),
  P2025: () => new AppError(404, 'NOT_FOUND', 'Record not found'),
  P2003: () => new AppError(409, 'CONFLICT', 'The record is still referenced or references a missing record'),
  P2020: () => new AppError(400, 'VALUE_NOT_STORABLE', 'A value is out of range'),
};

type DatabaseError = { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } };

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validation?: unknown; code?: string };
  if (e?.validation) return new AppError(400, 'VALIDATION_FAILED', e.message);
  if (typeof e?.code === 'string' && Object.hasOwn(prismaCodes, e.code)) return prismaCodes[e.code]();
  // PostgreSQL's data exceptions (class 22: NUL in text, a number out of range, ...) are the
  // caller's values; every adapter checks them first, so this is the net under those checks.
  const cause = (err as DatabaseError)?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode?.startsWith('22')) return new AppError(400, 'VALUE_NOT_STORABLE', `A value cannot be stored: ${cause.originalMessage ?? cause.originalCode}`);
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.statusCode, e.code ?? 'BAD_REQUEST', e.message);
  }
  return null;
}

async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((err, request, reply) => {
    const known = toAppError(err);
    if (!known) {
      request.log.error({ err }, 'unhandled error');
      return reply.status(500).send(errorBody(new AppError(500, 'INTERNAL', 'Internal server error')));
    }
    if (known.statusCode >= 500) request.log.error({ err }, known.message);
    return reply.status(known.statusCode).headers(known.headers).send(errorBody(known));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(new AppError(404, 'NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`))),
  );
}

export default fp(errorHandler, { name: 'error-handler' });
