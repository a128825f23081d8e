// GraphQL inputs obey the same field rules as the REST bodies. The REST routes' JSON schema
// properties are the one statement of those rules (lengths, patterns, ranges, e-mail format);
// GraphQL's own types already guarantee the JSON types, so this checks the rest. A field that
// breaks a rule answers 400 naming it, before any service runs.
import { validationFailed } from '../../errors.ts';

interface Rule {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  anyOf?: readonly Rule[];
  items?: Rule;
}

export type InputRules = Readonly<Record<string, object>>;

/** Keywords either checked here or already guaranteed by GraphQL's types. */
const KNOWN = new Set(['type', 'description', 'default', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'format', 'anyOf', 'items']);

// ajv-formats' "email" (full mode), which the REST layer's validator uses.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function assertSupported(rule: object, where: string): void {
  for (const [keyword, value] of Object.entries(rule)) {
    if (!KNOWN.has(keyword)) throw new Error(`GraphQL input rule ${where}: keyword "${keyword}" is not supported`);
    if (keyword === 'format' && value !== 'email') throw new Error(`GraphQL input rule ${where}: format "${value}" is not supported`);
    if (keyword === 'anyOf') (value as object[]).forEach((r) => assertSupported(r, where));
    if (keyword === 'items') assertSupported(value as object, where);
  }
}

/** Ajv's wording for the first rule the value breaks, or null. */
function problem(value: unknown, rule: Rule): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const length = [...value].length;
    if (rule.minLength !== undefined && length < rule.minLength) return `must NOT have fewer than ${rule.minLength} characters`;
    if (rule.maxLength !== undefined && length > rule.maxLength) return `must NOT have more than ${rule.maxLength} characters`;
    if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(value)) return `must match pattern "${rule.pattern}"`;
    if (rule.format === 'email' && !EMAIL.test(value)) return 'must match format "email"';
  }
  if (typeof value === 'number') {
    if (rule.minimum !== undefined && value < rule.minimum) return `must be >= ${rule.minimum}`;
    if (rule.maximum !== undefined && value > rule.maximum) return `must be <= ${rule.maximum}`;
  }
  if (Array.isArray(value) && rule.items) {
    for (const item of value) {
      const p = problem(item, rule.items);
      if (p) return `items ${p}`;
    }
  }
  if (rule.anyOf) {
    const problems = rule.anyOf.map((r) => problem(value, r));
    if (!problems.includes(null)) return problems[0];
  }
  return null;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A checker for one input type; `rules` are REST body properties, keyed by ICTCore's
 * snake_case names, and the GraphQL fields are their camelCase twins.
 */
export function inputRules(rules: InputRules) {
  for (const [name, rule] of Object.entries(rules)) assertSupported(rule, name);
  return <T extends object>(input: T, path = 'input'): T => {
    for (const [field, value] of Object.entries(input)) {
      const rule = rules[snake(field)] as Rule | undefined;
      const p = rule && problem(value, rule);
      if (p) throw validationFailed(`${path}.${field}`, p);
    }
    return input;
  };
}
