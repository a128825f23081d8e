// ICTCore's destination: a dialling prefix in a country, keyed by its dialling code
// (`destination_id`, which the ICTPBX route form prints as "(+<destination_id>)"), with the
// `prefix` routes to it match (the code itself unless told otherwise). Shared by every tenant;
// the super-admin keeps them, routes name them.
import { Id, Input, Matching, Nullable, ReadOnly, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

const DIGITS = '^[0-9]{1,15}$';
const digits = (what: string) => Matching(DIGITS, `must be ${what}: 1 to 15 digits (E.164, without +)`);

/** A dialling code as ICTCore keys it (kept without +); the client sends back what it read (text), a form may send a number. */
export const DestinationId = (description = 'The dialling code (E.164 digits; a leading + is dropped)') =>
  Type.Transform(
    Type.Union([Matching('^\\+?[0-9]{1,15}$', 'must be a dialling code: 1 to 15 digits (E.164)'), Type.Integer({ minimum: 0, maximum: 999_999_999_999_999 })], {
      typeMessage: 'must be a dialling code: 1 to 15 digits',
      description,
    }),
  )
    .Decode((v) => String(v).replace(/^\+/, ''))
    .Encode((code) => code);

/** A country id as text (from a select) or a number. */
const CountryRef = Type.Transform(Type.Union([Id(), Matching('^[1-9][0-9]{0,9}$', 'must be a country id')], { typeMessage: 'must be a country id (ISO 3166-1 numeric)' }))
  .Decode((v) => Number(v))
  .Encode((n) => n);

const writable = {
  name: Type.Optional(Text(64, { minLength: 1 })),
  prefix: Type.Optional(digits('a prefix')),
  countryId: Type.Optional(Nullable(CountryRef)),
};

const echoed = { country: ReadOnly(), dateCreated: ReadOnly(), lastUpdated: ReadOnly() };

export const DestinationCreate = Input({ destinationId: DestinationId(), ...writable, name: Text(64, { minLength: 1 }), ...echoed });
export const DestinationUpdate = Input({ ...writable, destinationId: ReadOnly('the dialling code: it names the destination and does not change'), ...echoed });

export const DestinationFilter = Input({
  countryId: Type.Optional(CountryRef),
  name: Type.Optional(Text(64, { description: 'Part of the name' })),
  prefix: Type.Optional(digits('a prefix')),
  /** ICTCore's search: the destinations whose code starts the number, longest first. */
  phone: Type.Optional(Matching('^\\+?[0-9]{1,20}$', 'must be a number: digits, optional leading +', { description: 'A dialled number: the destinations whose code begins it, longest first' })),
});

export type DestinationCreateInput = StaticDecode<typeof DestinationCreate>;
export type DestinationUpdateInput = StaticDecode<typeof DestinationUpdate>;
export type DestinationFilterInput = StaticDecode<typeof DestinationFilter>;

export const DestinationView = Type.Object({
  destinationId: Type.String({ description: 'The dialling code (E.164 digits, without +)' }),
  name: Type.String(),
  prefix: Type.String({ description: 'What a dialled number starts with (E.164 digits) for routes to it' }),
  countryId: Nullable(Type.Integer()),
  country: Nullable(Type.String({ description: "The country's name" })),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type DestinationView = Static<typeof DestinationView>;
