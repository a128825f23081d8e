// Every error leaves as { error: { code, reason, message } }: AppErrors as they are, Fastify's
// validation errors as 400 naming the field, unknown routes as 404, anything else as 500 with
// the detail kept in the log only. The app (plugins/error-handler.ts) and the xml_curl listener
// thread's own server both answer this way.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, errorBody, toAppError, wireField } from './errors.ts';

/** A refused field in the client's words: `body/caller_id_prefix`, `querystring/sort`, `params/config_name`. */
function inClientWords(err: AppError, request: FastifyRequest): AppError {
  if (!err.field || err.problem === undefined) return err;
  const field = wireField(err.field);
  const top = field.split('/')[0];
  const params = request.params as Record<string, unknown> | undefined;
  // A multipart body (an upload) is read by its route, so request.body stays unset.
  const inBody = (request.body !== undefined && request.body !== null) || /^multipart\/form-data/i.test(request.headers['content-type'] ?? '');
  const where = params && top in params ? 'params' : inBody ? 'body' : 'querystring';
  return Object.assign(new AppError(err.statusCode, err.reason, `${where}/${field} ${err.problem}`, err.headers), { details: err.details });
}

export function setErrorReplies(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const known = toAppError(err);
    if (!known) {
      request.log.error({ err }, 'unhandled error');
      return reply.status(500).send(errorBody(new AppError(500, 'INTERNAL', 'Internal server error')));
    }
    if (known.statusCode >= 500) request.log.error({ err }, known.message);
    return reply.status(known.statusCode).headers(known.headers).send(errorBody(inClientWords(known, request)));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(new AppError(404, 'NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`))),
  );
}
