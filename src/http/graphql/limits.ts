// Query depth and cost limits, as graphql-js validation rules, so an over-limit query is refused
// before any resolver (or SQL statement) runs. Cost: every field costs 1 for each time it will be
// resolved; a paged field (one with a `limit` argument) multiplies its page's items by that limit
// (the server's default page size when absent), and a list without paging (a user's roles, a
// role's permissions) by `relationListSize`. Introspection (`__schema`, `__type`) never reaches
// the database but can build a large answer: it may not be aliased, may not nest lists deeper
// than the standard introspection query does (types → fields → args), and is outside the depth
// and cost counts. Aliases are capped per document, since each can repeat a whole subtree.
import type {
  ASTVisitor,
  DocumentNode,
  FieldNode,
  GraphQLCompositeType,
  GraphQLError as GraphQLErrorType,
  GraphQLField,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';
import { listLimits } from '../../domain/shared/list.ts';
import { graphqlJs } from './graphql-js.ts';

const { GraphQLError, Kind, getNamedType, getNullableType, isCompositeType, isListType } = graphqlJs;

/** How deep lists may nest inside introspection: __schema { types { fields { args } } }. */
const INTROSPECTION_LIST_DEPTH = 3;
const INTROSPECTION_ROOTS = new Map([
  ['__schema', '__Schema'],
  ['__type', '__Type'],
]);

/** What a document's text decides about a request, whatever the variables. */
export interface DocumentTraits {
  /** It asks for the schema (`__typename` alone does not). */
  asksForSchema: boolean;
  /** A string written into it holds NUL. */
  holdsNul: boolean;
  /** A page's `limit` comes in a variable, so its cost depends on the request. */
  pricedByVariables: boolean;
}

// Mercurius hands every request of a cached document the same tree, so its traits are read once.
const traits = new WeakMap<DocumentNode, DocumentTraits>();

export function traitsOf(document: DocumentNode): DocumentTraits {
  let found = traits.get(document);
  if (found) return found;
  found = { asksForSchema: false, holdsNul: false, pricedByVariables: false };
  const seen = found;
  graphqlJs.visit(document, {
    Field(node) {
      if (INTROSPECTION_ROOTS.has(node.name.value)) seen.asksForSchema = true;
    },
    StringValue(node) {
      if (node.value.includes('\u0000')) seen.holdsNul = true;
    },
    Argument(node) {
      if (node.name.value === 'limit' && node.value.kind === Kind.VARIABLE) seen.pricedByVariables = true;
    },
  });
  traits.set(document, found);
  return found;
}

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases?: number;
  /** How many items a list without a `limit` argument is assumed to hold. */
  relationListSize?: number;
}

interface Measure {
  depth: number;
  cost: number;
}

/**
 * The limits as validation rules. Without `variables` (a document validated once for every
 * request that sends it) a page whose `limit` is a variable is priced at one item, so what these
 * refuse is refused whatever the variables; limitErrors() prices it again with the request's.
 */
export function queryLimitRules(limits: QueryLimits, variables?: Record<string, unknown>): ValidationRule[] {
  const relationListSize = limits.relationListSize ?? 10;
  const maxAliases = limits.maxAliases ?? Infinity;

  return [
    (context: ValidationContext): ASTVisitor => {
      let aliases = 0;
      let aliasesReported = false;
      const refuse = (message: string, node: FieldNode | OperationDefinitionNode, reason: string) =>
        context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: 400, reason } }));

      /** An introspection subtree: no aliases, lists nested at most INTROSPECTION_LIST_DEPTH deep. */
      function introspection(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, lists: number, fragmentPath: Set<string>): void {
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            if (selection.alias) refuse('Introspection fields cannot be aliased', selection, 'INTROSPECTION_LIMIT');
            const def = fieldOf(parent, selection.name.value);
            if (!def || !selection.selectionSet) continue;
            const nested = lists + (isListType(getNullableType(def.type)) ? 1 : 0);
            if (nested > INTROSPECTION_LIST_DEPTH) {
              refuse(`Introspection may nest lists at most ${INTROSPECTION_LIST_DEPTH} deep`, selection, 'INTROSPECTION_LIMIT');
              continue;
            }
            const child = getNamedType(def.type);
            if (isCompositeType(child)) introspection(selection.selectionSet, child, nested, fragmentPath);
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            introspection(selection.selectionSet, parent, lists, fragmentPath);
          } else {
            const name = selection.name.value;
            const fragment = context.getFragment(name);
            if (fragment && !fragmentPath.has(name)) introspection(fragment.selectionSet, parent, lists, new Set([...fragmentPath, name]));
          }
        }
      }
      /** The page size a `limit` argument asks for, literal or variable. */
      function limitOf(field: FieldNode, operation: OperationDefinitionNode): number {
        const arg = field.arguments?.find((a) => a.name.value === 'limit');
        let value: unknown;
        if (arg?.value.kind === Kind.INT) value = Number(arg.value.value);
        else if (arg?.value.kind === Kind.VARIABLE) {
          const name = arg.value.name.value;
          const declared = operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
          value = variables ? (variables[name] ?? intOf(declared)) : 1;
        }
        return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(value, listLimits.maxLimit) : listLimits.defaultLimit;
      }

      function measure(
        selectionSet: SelectionSetNode,
        parent: GraphQLCompositeType,
        operation: OperationDefinitionNode,
        pageSize: number | undefined,
        fragmentPath: Set<string>,
      ): Measure {
        let depth = 0;
        let cost = 0;
        const add = (m: Measure) => {
          depth = Math.max(depth, m.depth);
          cost += m.cost;
        };
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            if (selection.alias && ++aliases > maxAliases && !aliasesReported) {
              aliasesReported = true;
              refuse(`More than ${maxAliases} aliased fields`, selection, 'TOO_MANY_ALIASES');
            }
            const meta = INTROSPECTION_ROOTS.get(selection.name.value);
            if (meta) {
              if (selection.alias) refuse('Introspection fields cannot be aliased', selection, 'INTROSPECTION_LIMIT');
              const type = context.getSchema().getType(meta);
              if (selection.selectionSet && type && isCompositeType(type)) introspection(selection.selectionSet, type, 0, fragmentPath);
              continue;
            }
            if (selection.name.value.startsWith('__')) continue;
            const def = fieldOf(parent, selection.name.value);
            if (!def) continue; // Unknown fields are reported by the standard rules.
            const times = isListType(getNullableType(def.type)) ? (pageSize ?? relationListSize) : 1;
            const child = getNamedType(def.type);
            const paged = def.args.some((a) => a.name === 'limit') ? limitOf(selection, operation) : undefined;
            const inner =
              selection.selectionSet && isCompositeType(child)
                ? measure(selection.selectionSet, child, operation, paged, fragmentPath)
                : { depth: 0, cost: 0 };
            add({ depth: inner.depth + 1, cost: times * (1 + inner.cost) });
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            const type = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
            if (type && isCompositeType(type)) add(measure(selection.selectionSet, type, operation, pageSize, fragmentPath));
          } else {
            const name = selection.name.value;
            const fragment = context.getFragment(name);
            if (!fragment || fragmentPath.has(name)) continue; // Cycles are reported by NoFragmentCycles.
            const type = context.getSchema().getType(fragment.typeCondition.name.value);
            if (type && isCompositeType(type)) {
              add(measure(fragment.selectionSet, type, operation, pageSize, new Set([...fragmentPath, name])));
            }
          }
        }
        return { depth, cost };
      }

      return {
        OperationDefinition(operation) {
          const schema = context.getSchema();
          const root =
            operation.operation === 'query'
              ? schema.getQueryType()
              : operation.operation === 'mutation'
                ? schema.getMutationType()
                : schema.getSubscriptionType();
          if (!root) return;
          const { depth, cost } = measure(operation.selectionSet, root, operation, undefined, new Set());
          if (depth > limits.maxDepth) {
            context.reportError(
              new GraphQLError(`Query depth ${depth} exceeds the maximum of ${limits.maxDepth}`, {
                nodes: [operation],
                extensions: { code: 400, reason: 'QUERY_TOO_DEEP' },
              }),
            );
          }
          if (cost > limits.maxCost) {
            context.reportError(
              new GraphQLError(`Query cost ${cost} exceeds the maximum of ${limits.maxCost}`, {
                nodes: [operation],
                extensions: { code: 400, reason: 'QUERY_TOO_COSTLY' },
              }),
            );
          }
        },
      };
    },
  ];
}

/** What the limits refuse in a document with the request's variables. */
export function limitErrors(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits, variables: Record<string, unknown>): readonly GraphQLErrorType[] {
  return graphqlJs.validate(schema, document, queryLimitRules(limits, variables));
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

function intOf(value: ValueNode | undefined): number | undefined {
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}
