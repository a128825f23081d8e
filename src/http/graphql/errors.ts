// GraphQL's rendering of the one error catalogue: every error carries in extensions.code the HTTP
// status the REST envelope would show and in extensions.reason its stable name. Parse,
// validation, limit and variable errors are 400; anything unexpected is a 500 whose detail stays
// in the log.
import type { FastifyBaseLogger } from 'fastify';
import type { GraphQLError as GraphQLErrorType } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { toAppError, type AppError } from '../../errors.ts';
import { graphqlJs } from './graphql-js.ts';

const { GraphQLError } = graphqlJs;
type GraphQLError = GraphQLErrorType;

interface Execution {
  data?: unknown;
  errors?: readonly GraphQLError[];
}

type Wrapper = Error & { errors?: unknown[]; statusCode?: number };

function coded(error: GraphQLError, code: number, reason: string, message = error.message): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code, reason },
  });
}

/** A refused field as the argument path it came in: `input.callerIdPrefix`, `input.settings[0].value`. */
function inGraphqlWords(err: AppError, error: GraphQLError, context: MercuriusContext): string {
  if (!err.field || err.problem === undefined) return err.message;
  const path = err.field.split('/').map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : `${i ? '.' : ''}${segment}`)).join('');
  const root = typeof error.path?.[0] === 'string' ? error.path[0] : undefined;
  const schema = context.app.graphql.schema;
  const field = root ? (schema.getMutationType()?.getFields()[root] ?? schema.getQueryType()?.getFields()[root]) : undefined;
  const input = field?.args.some((a) => a.name === 'input') && !field.args.some((a) => a.name === path.split(/[.[]/)[0]);
  return `${input ? 'input.' : ''}${path} ${err.problem}`;
}

function render(error: GraphQLError, context: MercuriusContext, log: FastifyBaseLogger): GraphQLError[] {
  const original = error.originalError as Wrapper | undefined;
  // Mercurius wraps parse, validation (the limits included) and variable errors in one error.
  if (original && Array.isArray(original.errors)) {
    const status = typeof original.statusCode === 'number' ? original.statusCode : 400;
    return original.errors.map((e) => {
      const inner = e instanceof GraphQLError ? e : new GraphQLError((e as Error).message);
      const code = typeof inner.extensions.code === 'number' ? inner.extensions.code : status;
      const reason = typeof inner.extensions.reason === 'string' ? inner.extensions.reason : status === 405 ? 'METHOD_NOT_ALLOWED' : 'GRAPHQL_VALIDATION_FAILED';
      return coded(inner, code, reason);
    });
  }
  // An error of the request itself, not of a field: the variables as graphql-jit coerces them on
  // the run that compiles a document (mercurius checks them beforehand on every other run).
  if (!original && !error.path) return [coded(error, 400, 'GRAPHQL_VALIDATION_FAILED')];
  const known = toAppError(original);
  if (known && known.statusCode < 500) {
    // Retry-After on 423/429, as REST sends it.
    if (Object.keys(known.headers).length) context.reply?.headers(known.headers);
    return [coded(error, known.statusCode, known.reason, inGraphqlWords(known, error, context))];
  }
  log.error({ err: original ?? error, path: error.path }, 'graphql operation failed');
  return [coded(error, 500, 'INTERNAL', 'Internal server error')];
}

/** Mercurius' errorFormatter. The HTTP status is 200 when there is data, else the first error's code. */
export function formatErrors(execution: Execution, context: MercuriusContext) {
  const log: FastifyBaseLogger = context.reply?.log ?? context.app.log;
  const errors = (execution.errors ?? []).flatMap((e) => render(e, context, log));
  const statusCode = execution.data ? 200 : Number(errors[0]?.extensions.code ?? 200);
  return { statusCode, response: { data: (execution.data ?? null) as never, errors: errors.map((e) => e.toJSON()) as never } };
}
