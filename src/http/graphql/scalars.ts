// Custom scalars: DateTime travels as an ISO 8601 string and reaches services as a Date.
import type { ValueNode } from 'graphql';
import { graphqlJs } from './graphql-js.ts';

const { GraphQLError, Kind } = graphqlJs;

function toDate(value: unknown): Date {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string, e.g. 2024-01-31T12:00:00Z');
  return date;
}

export const scalarResolvers = {
  DateTime: {
    serialize: (value: unknown) => (value instanceof Date ? value : toDate(value)).toISOString(),
    parseValue: toDate,
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be an ISO 8601 string', { nodes: [ast] });
      return toDate(ast.value);
    },
  },
};
