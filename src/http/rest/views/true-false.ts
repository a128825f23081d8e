// FusionPBX keeps a PBX object's yes/no as the text 'true'/'false', and the ICTPBX client reads
// extensions' and gateways' flags so (`x === 'true' || x === true`) and binds its selects to those
// strings: REST answers a view's booleans that way, GraphQL answers them as booleans.
import type { TObject, TSchema } from '../../../domain/shared/schema.ts';
import { wireField } from '../../../errors.ts';
import { toWire, wireAnswer } from '../wire.ts';

const trueFalse = (b: boolean) => (b ? 'true' : 'false');

const trueFalseSchema = { type: 'string', enum: ['true', 'false'] } as const;

/**
 * The answer schema of a view whose booleans REST renders as 'true'/'false' (plus `overrides`, in
 * the client's words), and the function building such an answer from a view.
 */
export function trueFalseAnswer<V extends object>(view: TObject, overrides: Record<string, object> = {}) {
  const flags = Object.entries(view.properties)
    .filter(([, s]) => (s as TSchema).type === 'boolean')
    .map(([k]) => k);
  const schema = wireAnswer(view, { ...Object.fromEntries(flags.map((k) => [wireField(k), trueFalseSchema])), ...overrides });
  const answer = (v: V): Record<string, unknown> => {
    const wire = toWire(v);
    for (const k of flags) wire[wireField(k)] = trueFalse((v as Record<string, boolean>)[k]);
    return wire;
  };
  return { schema, answer };
}
