// Conference rooms of a tenant. Scoping: the super-admin reaches all, a tenant admin its tenant's
// (another tenant's room is not found). The room's number is a number of the tenant's dial plan,
// free across everything dialable; `conference` destinations (a DID's, an IVR option's, a ring
// group's timeout) name a room by that number, so a room something points at cannot be deleted or
// renumbered (409). Its hold music is a music-on-hold class of the tenant or a stock stream, stored
// as its name (the view and conference.conf get what plays: local_stream://<domain>/<name>). PINs
// follow mod_conference's reading of them (mod_conference.c conference_function): a caller is
// asked for as many digits as the longer PIN has and is let in by the participant PIN, or by the
// moderator PIN as moderator; so a moderator PIN needs a participant PIN (else only moderators
// could join) and must differ from it (else no one would be moderator), and waiting for the
// moderator needs a moderator PIN (else no one would start it).
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableNumbers } from '../dialable/numbers.ts';
import type { DestinationTargets } from '../dialable/targets.ts';
import type { HoldMusicChecker } from '../music-on-hold/music-on-hold.service.ts';
import { holdMusicSource } from '../music-on-hold/streams.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { ConferenceFields, ConferenceRecord, ConferencesRepository } from './conferences.repository.ts';
import { ConferenceCreate, ConferenceFilter, ConferenceUpdate, type ConferenceCreateInput, type ConferenceUpdateInput, type ConferenceView } from './conferences.schema.ts';

/**
 * The running conference of a room: `<extension>-<domain>`, the shape FreeSWITCH's own dialplan
 * gives its rooms (`$1-${domain_name}`). The domain says whose it is, so one tenant's room never
 * meets another's, and the Event Socket names it so (conference <name> list / mute / kick).
 */
export const conferenceNameOf = (extension: string, domain: string) => `${extension}-${domain}`;

const SORTABLE = {
  conference_center_name: 'name',
  conference_center_extension: 'extension',
  conference_center_uuid: 'id',
  date_created: 'createdAt',
  conference_center_enabled: 'enabled',
};

export function conferenceView(c: ConferenceRecord): ConferenceView {
  return {
    conferenceCenterUuid: c.id,
    tenantId: c.tenantId,
    tenantName: c.tenant.name,
    domainUuid: c.tenant.domainUuid,
    domainName: c.tenant.domain,
    conferenceCenterName: c.name,
    conferenceCenterExtension: c.extension,
    conferenceCenterPinLength: c.pinLength,
    conferenceCenterGreeting: c.greeting,
    conferenceCenterDescription: c.description,
    conferenceCenterEnabled: c.enabled,
    conferenceCenterPin: c.pin,
    conferenceCenterModeratorPin: c.moderatorPin,
    conferenceCenterPinRetries: c.pinRetries,
    conferenceCenterMaxMembers: c.maxMembers,
    conferenceCenterRecord: c.record,
    conferenceCenterWaitMod: c.waitMod,
    conferenceCenterProfile: c.profile,
    conferenceCenterHoldMusic: holdMusicSource(c.holdMusic, c.tenant.domain),
    conferenceName: conferenceNameOf(c.extension, c.tenant.domain),
    dateCreated: unixSeconds(c.createdAt),
    lastUpdated: unixSeconds(c.updatedAt),
  };
}

/** The fields an input writes, each only when given. */
function fieldsOf(input: ConferenceCreateInput | ConferenceUpdateInput): ConferenceFields {
  const fields: ConferenceFields = {
    name: input.conferenceCenterName,
    extension: input.conferenceCenterExtension,
    pinLength: input.conferenceCenterPinLength,
    greeting: input.conferenceCenterGreeting,
    description: input.conferenceCenterDescription,
    enabled: input.conferenceCenterEnabled,
    pin: input.conferenceCenterPin,
    moderatorPin: input.conferenceCenterModeratorPin,
    pinRetries: input.conferenceCenterPinRetries,
    maxMembers: input.conferenceCenterMaxMembers,
    record: input.conferenceCenterRecord,
    waitMod: input.conferenceCenterWaitMod,
    profile: input.conferenceCenterProfile,
    holdMusic: input.conferenceCenterHoldMusic,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as ConferenceFields;
}

/** The PIN rules, on the room as it will be (the stored values under the edits). */
function checkRoom(room: Required<Pick<ConferenceFields, 'pinLength' | 'pin' | 'moderatorPin' | 'maxMembers' | 'waitMod'>>): void {
  if (room.maxMembers === 1) throw validationFailed('conferenceCenterMaxMembers', 'must be 0 (no limit) or at least 2');
  for (const [field, pin] of [
    ['conferenceCenterPin', room.pin],
    ['conferenceCenterModeratorPin', room.moderatorPin],
  ] as const) {
    if (pin && pin.length !== room.pinLength) throw validationFailed(field, `must have ${room.pinLength} digits (conference_center_pin_length)`);
  }
  if (room.moderatorPin && !room.pin) throw validationFailed('conferenceCenterModeratorPin', 'needs a participant PIN (conference_center_pin): without one only moderators could join');
  if (room.moderatorPin && room.moderatorPin === room.pin) throw validationFailed('conferenceCenterModeratorPin', 'must differ from the participant PIN');
  if (room.waitMod && !room.moderatorPin) throw validationFailed('conferenceCenterWaitMod', 'needs a moderator PIN: no one could start the conference');
}

export function createConferencesService(deps: {
  conferences: ConferencesRepository;
  tenants: TenantsRepository;
  dialable: DialableNumbers;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
  /** What the hold music may name: a music-on-hold class of the tenant or a stock stream (music-on-hold.service.ts). */
  holdMusic: HoldMusicChecker;
}) {
  const { conferences, dialable, targets, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: string, ctx: Ctx, permission: string): Promise<ConferenceRecord> {
    authorize(ctx, permission);
    const room = await conferences.findById(id);
    if (!room || !reachesTenant(ctx.actor, room.tenantId)) throw notFound('Conference');
    return room;
  }



  async function announce(room: ConferenceRecord, ctx: AuthedCtx, action: string, what: string): Promise<void> {
    await changes.publish({ entity: 'conference', tenantId: room.tenantId, id: room.id, domain: room.tenant.domain });
    await activity.record(ctx, action, `${what} Conference ${room.extension}@${room.tenant.domain} -ID:${room.id}`, { tenantId: room.tenantId });
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<ConferenceRecord>> {
      authorize(ctx, 'conference_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'conference_center_extension');
      const filter = parse(ConferenceFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await conferences.list(
        { tenantIds: tenants?.tenantIds as number[] | undefined, extension: filter.conferenceCenterExtension, name: filter.conferenceCenterName, enabled: filter.conferenceCenterEnabled },
        p,
      );
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'conference_read'),

    async create(raw: unknown, ctx: Ctx): Promise<ConferenceRecord> {
      authorize(ctx, 'conference_create');
      const input = parse(ConferenceCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const fields = fieldsOf(input);
      checkRoom({ pinLength: 4, pin: '', moderatorPin: '', maxMembers: 0, waitMod: false, ...fields });
      if (fields.holdMusic !== undefined) fields.holdMusic = await deps.holdMusic(tenantId, fields.holdMusic, 'conferenceCenterHoldMusic');
      await dialable.assertFree(tenantId, input.conferenceCenterExtension);
      const room = await conferences.create({ ...fields, name: input.conferenceCenterName, extension: input.conferenceCenterExtension, tenantId });
      await announce(room, ctx, 'conference_created', 'Create');
      return room;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<ConferenceRecord> {
      const before = await visible(id, ctx, 'conference_update');
      const input = parse(ConferenceUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed: create the conference in the other tenant');
      const fields = fieldsOf(input);
      checkRoom({ ...before, ...fields } as Required<ConferenceFields>);
      if (fields.holdMusic !== undefined) fields.holdMusic = await deps.holdMusic(before.tenantId, fields.holdMusic, 'conferenceCenterHoldMusic', before.holdMusic);
      const number = fields.extension ?? before.extension;
      if (number !== before.extension) {
        await targets.assertUnreferenced(before.tenantId, 'conference', { number: before.extension, id: before.id }, 'Conference', 'renumbered');
        await dialable.assertFree(before.tenantId, number, { type: 'conference', id: before.id });
      }
      const room = await conferences.update(id, fields);
      await announce(room, ctx as AuthedCtx, 'conference_updated', 'Update');
      return room;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const room = await visible(id, ctx, 'conference_delete');
      await targets.assertUnreferenced(room.tenantId, 'conference', { number: room.extension, id: room.id }, 'Conference', 'deleted');
      await conferences.delete(id);
      await announce(room, ctx as AuthedCtx, 'conference_deleted', 'Delete');
    },
  };
}

export type ConferencesService = ReturnType<typeof createConferencesService>;
