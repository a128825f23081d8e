// Where an inbound call (a DID, a named destination) may be sent: a kind and a value checked by
// the module that owns the kind. Extensions and voicemail boxes are checked against the tenant's
// extensions, external numbers by shape; ring groups, IVRs, queues, conferences and time
// conditions register their own checks when their modules arrive, and until then any plain
// identifier (a number or a UUID) is accepted.
import { conflict, validationFailed } from '../../errors.ts';

export const DESTINATION_TYPES = ['extension', 'ring_group', 'ivr', 'queue', 'conference', 'voicemail', 'time_condition', 'call_flow', 'external'] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];

/** Answers a problem ("names no extension of the tenant") or null when the value is fine. */
export type TargetCheck = (tenantId: number, value: string) => Promise<string | null>;

const IDENTIFIER = /^[A-Za-z0-9_.@*#+-]{1,64}$/;
export const EXTERNAL_NUMBER = /^\+?[0-9]{2,20}$/;

/** Who points at a destination: a module whose objects name destinations (DIDs, time conditions, ...). */
export interface DestinationReferrer {
  /** The kind of object that points (did, time_condition, ...). */
  type: string;
  /** The ids of its objects in the tenant whose destination is `kind` `value`. */
  pointingAt(tenantId: number, kind: DestinationType, value: string): Promise<(string | number)[]>;
}

export interface DestinationTargets {
  register(type: DestinationType, check: TargetCheck): void;
  /** Throws a 400 naming `field` when the value does not fit the kind within the tenant. */
  check(tenantId: number, type: DestinationType, value: string, field: string): Promise<void>;
  registerReferrer(referrer: DestinationReferrer): void;
  /** What points at `kind` `value` in the tenant (a target that is pointed at cannot go: 409). */
  referrers(tenantId: number, kind: DestinationType, value: string): Promise<{ type: string; id: string | number }[]>;
  /**
   * Throws 409 while something other than the target itself points at it: `target` is the
   * destination of kind `kind` (its number and id), `name` what it is called in the message.
   */
  assertUnreferenced(tenantId: number, kind: DestinationType, target: { number: string; id: string | number }, name: string, doing: string): Promise<void>;
}

/** The kinds a module answers for register their checks (module.ts: destinations); external numbers are checked here. */
export function createDestinationTargets(): DestinationTargets {
  const checks = new Map<DestinationType, TargetCheck>([
    ['external', async (_t, value) => (EXTERNAL_NUMBER.test(value) ? null : 'must be a phone number (digits, optional +)')],
  ]);
  const referrers: DestinationReferrer[] = [];
  async function referrersOf(tenantId: number, kind: DestinationType, value: string) {
    const found = await Promise.all(referrers.map(async (r) => (await r.pointingAt(tenantId, kind, value)).map((id) => ({ type: r.type, id }))));
    return found.flat();
  }
  return {
    register(type, check) {
      checks.set(type, check);
    },
    registerReferrer(referrer) {
      referrers.push(referrer);
    },
    referrers: referrersOf,
    async assertUnreferenced(tenantId, kind, target, name, doing) {
      const pointing = (await referrersOf(tenantId, kind, target.number)).filter((r) => !(r.type === kind && r.id === target.id));
      if (pointing.length) throw conflict(`${name} ${target.number} cannot be ${doing}: it is the destination of ${pointing.map((r) => `${r.type} ${r.id}`).join(', ')}`);
    },
    async check(tenantId, type, value, field) {
      if (!IDENTIFIER.test(value)) throw validationFailed(field, 'must be a number or identifier of at most 64 characters');
      const problem = await checks.get(type)?.(tenantId, value);
      if (problem) throw validationFailed(field, problem);
    },
  };
}

/** Checks a destination (kind and value) within the tenant; an empty kind means "none". */
export async function checkDestination(
  targets: DestinationTargets,
  tenantId: number | null,
  type: string,
  value: string,
  fields = { type: 'destinationType', value: 'destinationValue' },
): Promise<void> {
  if (type === '') {
    if (value !== '') throw validationFailed(fields.type, 'is required with a destination value');
    return;
  }
  if (!(DESTINATION_TYPES as readonly string[]).includes(type)) throw validationFailed(fields.type, `must be one of ${DESTINATION_TYPES.join(', ')}`);
  if (tenantId === null) throw validationFailed(fields.type, 'needs a tenant: assign the DID to a tenant first');
  await targets.check(tenantId, type as DestinationType, value, fields.value);
}
