// One schema per resource (TypeBox): it gives the TypeScript types, the validation every adapter
// relies on, and (through the REST adapter) the OpenAPI document. Field names are the camelCase of
// the ICTPBX client's own (`caller_id_prefix` is `callerIdPrefix`), so REST's wire names and
// GraphQL's argument names both follow from them mechanically. A refused input throws a 400 naming
// the field plainly; each adapter says it in its own words (REST `caller_id_prefix`, GraphQL
// `input.callerIdPrefix`).
import { Kind, Type, TypeRegistry, type SchemaOptions, type Static, type StaticDecode, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import { validationFailed } from '../../errors.ts';

export { Type, type Static, type StaticDecode, type TObject, type TSchema };

export const INT_MAX = 2_147_483_647;

/** A record id: PostgreSQL's int. */
export const Id = (options: SchemaOptions = {}) => Type.Integer({ minimum: 1, maximum: INT_MAX, ...options });

export const Int = (minimum: number, maximum: number, options: SchemaOptions = {}) => Type.Integer({ minimum, maximum, ...options });

/** Text of at most `maxLength` characters, no control characters but line breaks and tabs. */
export const Text = (maxLength: number, options: SchemaOptions = {}) =>
  Type.String({ maxLength, pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$', patternMessage: 'must not contain control characters', ...options });

/**
 * Text that reaches FreeSWITCH's XML (names, prefixes, e-mail addresses): FreeSWITCH expands `$`
 * and braces (`${system(...)}` runs a command), so they are refused (see shared/switch-syntax.ts).
 */
export const SwitchText = (maxLength: number, options: SchemaOptions = {}) =>
  Type.String({ maxLength, pattern: '^[^${}\\u0000-\\u001F]*$', patternMessage: 'must not contain $, { or } (FreeSWITCH would expand them) nor control characters', ...options });

/** A value set by a pattern, with the problem said in words rather than as the pattern. */
export const Matching = (pattern: string, patternMessage: string, options: SchemaOptions = {}) => Type.String({ pattern, patternMessage, ...options });

/**
 * A yes/no the ICTPBX client sends in any of its spellings: true/false, 1/0, '1'/'0', 'true'/'false'
 * (its forms bind radios to strings). Read as a boolean.
 */
export const Flag = (options: SchemaOptions = {}) =>
  Type.Transform(
    Type.Union([Type.Boolean(), Type.Literal(1), Type.Literal(0), Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')], {
      typeMessage: "must be a boolean (true/false, 1/0, '1'/'0')",
      ...options,
    }),
  )
    .Decode((v) => v === true || v === 1 || v === '1' || v === 'true')
    .Encode((b) => b);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * JSON null that ajv does not coerce to: the REST adapter coerces types, and a plain `null` branch
 * would turn a refused 0, '' or false into null (not given) instead of a 400.
 */
TypeRegistry.Set('NoValue', (_schema, value) => value === null);
export const NoValue = Type.Unsafe<null>({ [Kind]: 'NoValue', const: null });

/** Text reaching FreeSWITCH that must also have a shape: FreeSWITCH's syntax is refused first, in those words. */
export const Shaped = (maxLength: number, pattern: string, problem: string, options: { description?: string } = {}) =>
  Type.Intersect([SwitchText(maxLength), Matching(pattern, problem)], options);

/** Optional text the client may send as null (its model's empty value): read as ''. */
export const Blank = (schema: TSchema) =>
  Type.Optional(
    Type.Transform(Type.Union([schema, NoValue]))
      .Decode((v) => (v ?? '') as string)
      .Encode((v) => v),
  );

/** An optional number as a number input sends it (null once cleared): read as not given. */
export const Whole = (minimum: number, maximum: number, description: string) =>
  Type.Optional(
    Type.Transform(Type.Union([Int(minimum, maximum), NoValue], { description, typeMessage: `must be a whole number from ${minimum} to ${maximum}` }))
      .Decode((v) => v ?? undefined)
      .Encode((v) => v ?? null),
  );

/** An input object: every field optional unless named, no field it does not declare. */
export function Input<P extends TProperties>(properties: P, options: SchemaOptions = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

// ---------------------------------------------------------------------------------------------
// Validation

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkerOf<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = compiled.get(schema) as TypeCheck<T> | undefined;
  if (!check) compiled.set(schema, (check = TypeCompiler.Compile(schema)));
  return check;
}

/** "/settings/0/value" → "settings/0/value"; the root is "input". */
const fieldOf = (path: string) => path.replace(/^\//, '') || 'input';

function problemOf(error: ValueError): string {
  const { schema, type } = error;
  switch (type) {
    case ValueErrorType.StringPattern:
      return typeof schema.patternMessage === 'string' ? schema.patternMessage : `must match ${schema.pattern}`;
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a field of this input';
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.StringMaxLength:
      return `must be at most ${schema.maxLength} characters`;
    case ValueErrorType.StringMinLength:
      return schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`;
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `must be ${schema.minimum} or more`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `must be ${schema.maximum} or less`;
    case ValueErrorType.Integer:
      return 'must be an integer';
    case ValueErrorType.Number:
      return 'must be a number';
    case ValueErrorType.String:
      return 'must be a string';
    case ValueErrorType.Boolean:
      return 'must be a boolean';
    case ValueErrorType.Union: {
      if (typeof schema.typeMessage === 'string') return schema.typeMessage;
      const branches: TSchema[] = schema.anyOf ?? [];
      if (branches.every((b) => 'const' in b)) return `must be one of ${branches.map((b) => JSON.stringify(b.const)).join(', ')}`;
      // X or null: what is wrong with it as an X.
      const [only, ...rest] = branches.filter((b) => b.type !== 'null' && b[Kind] !== 'NoValue');
      if (only && rest.length === 0 && error.value !== null) {
        const inner = checkerOf(only).Errors(error.value).First();
        if (inner) return problemOf(inner);
      }
      return 'has the wrong type';
    }
    default:
      return error.message.replace(/^Expected/, 'must be');
  }
}

/**
 * Checks `input` against `schema` and answers it decoded (flags as booleans); a refused input
 * throws a 400 naming the first field that is wrong.
 */
export function parse<T extends TSchema>(schema: T, input: unknown): StaticDecode<T> {
  const check = checkerOf(schema);
  if (!check.Check(input)) {
    const error = check.Errors(input).First()!;
    throw validationFailed(fieldOf(error.path), problemOf(error));
  }
  const decoded = Value.Decode(schema, input) as Record<string, unknown>;
  for (const key of readOnlyKeys(schema)) delete decoded[key];
  return decoded as StaticDecode<T>;
}

/** The field names of an object schema (tests compare adapters against them). */
export const fieldsOf = (schema: TObject) => Object.keys(schema.properties);


/**
 * A field the client may send back because it read it (ICTPBX forms PUT the object they loaded,
 * read-only fields included): accepted and dropped, never written.
 */
export const ReadOnly = (description = 'read-only: accepted and ignored') =>
  // Typed `never`: parse() drops it, so no code can read it.
  Type.Optional(Type.Unsafe<never>(Type.Unknown({ readOnly: true, description })));

/** The keys of an input schema's read-only fields, which parse() drops. */
function readOnlyKeys(schema: TSchema): string[] {
  const properties = (schema as TObject).properties;
  return properties ? Object.keys(properties).filter((k) => (properties[k] as TSchema).readOnly === true) : [];
}
