// Every column of a model on a hot read, answered as Prisma answers the model: the same field
// names, types and values. A model's reader lists each of its fields with its kind, checked
// against the generated model type, so a field added to prisma/schema.prisma does not compile
// until its hot reads read it too.
import { bool, date, num, text } from './row-values.ts';

export type ColumnKind = 'int' | 'int?' | 'float' | 'text' | 'text?' | 'bool' | 'date' | 'date?';

const nullable =
  <T>(convert: (v: unknown) => T) =>
  (v: unknown): T | null =>
    v === null || v === undefined ? null : convert(v);

const convert: Record<ColumnKind, (v: unknown) => unknown> = {
  int: num,
  'int?': nullable(num),
  float: num,
  text,
  'text?': nullable(text),
  bool,
  date,
  'date?': nullable(date),
};

/** Prisma's default mapping, which the schema follows: `maxConcurrentCalls` is `max_concurrent_calls`. */
const columnOf = (field: string) => field.replace(/[A-Z]|\d+/g, (part) => `_${part.toLowerCase()}`);

export interface ModelColumns<M> {
  /** `alias.column, …` in field order. */
  sql: string;
  /** How many values a row holds for the model. */
  count: number;
  /** The model from a row's values, starting at `offset`. */
  read(values: readonly unknown[], offset?: number): M;
}

export function modelColumns<M>(alias: string, kinds: Record<keyof M & string, ColumnKind>): ModelColumns<M> {
  const fields = Object.keys(kinds) as (keyof M & string)[];
  const converters = fields.map((field) => convert[kinds[field]]);
  return {
    sql: fields.map((field) => `${alias}.${columnOf(field)}`).join(', '),
    count: fields.length,
    read(values, offset = 0) {
      const model: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) model[fields[i]] = converters[i](values[offset + i]);
      return model as M;
    },
  };
}
