// Who is in a conference right now, and muting, deafening or kicking them. A tenant's rooms run
// as `<room>-<domain>` (domain/conferences: conferenceNameOf), so the name says whose a conference
// is. The ICTPBX client names a room by its conference centre (`conference_uuid`): the room is
// looked up within the actor's tenants (another tenant's room, or none, is 404 "Conference not
// found") and its running conference asked for; `conference_name` still names a running
// conference directly (conference-participants.schema.ts).
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { conferenceNameOf } from '../../domain/conferences/conferences.service.ts';
import { reachesTenant } from '../../domain/shared/tenancy.ts';
import { notFound, switchFailed, validationFailed } from '../../errors.ts';
import { parse } from '../../domain/shared/schema.ts';
import { commands, parseConferenceJson, parseConferenceList, type ConferenceMember, type NodeClient, type SwitchManager } from '../esl/index.ts';
import type { ActivityLog } from '../../domain/activities/activity-log.ts';
import type { TenantsRepository } from '../../domain/tenants/tenants.repository.ts';
import type { PbxLookups } from './pbx-lookups.repository.ts';
import {
  ParticipantControl,
  ParticipantsQuery,
  type ConferenceMemberView,
  type ConferenceRoomView,
  type ParticipantControlAnswer,
} from './conference-participants.schema.ts';
import { onSwitch } from './switch-errors.ts';

export type ParticipantAction = 'mute' | 'unmute' | 'deaf' | 'undeaf' | 'kick';

export function conferenceDomain(conference: string, domain: string): boolean {
  const name = conference.toLowerCase();
  return name.endsWith(`-${domain}`) || name.endsWith(`@${domain}`);
}

/** The room of `<room>-<domain>` or `<room>@<domain>`: the part before the tenant's domain. */
function roomOf(conference: string, domain: string | null): string {
  const at = conference.indexOf('@');
  if (at > 0) return conference.slice(0, at);
  if (domain && conferenceDomain(conference, domain)) return conference.slice(0, conference.length - domain.length - 1);
  const dash = conference.indexOf('-');
  return dash > 0 ? conference.slice(0, dash) : conference;
}

export function memberView(m: ConferenceMember): ConferenceMemberView {
  const flags = [...(m.deaf ? ['deaf'] : ['hear']), ...(m.muted ? ['mute'] : ['speak']), ...(m.talking ? ['talking'] : []), ...(m.hasFloor ? ['floor'] : []), ...(m.moderator ? ['moderator'] : [])];
  return {
    memberId: m.memberId,
    uuid: m.uuid,
    callerIdName: m.callerIdName,
    callerIdNumber: m.callerIdNumber,
    status: flags.join('|'),
    conferenceName: m.conference,
    node: m.node,
    muted: m.muted,
    deaf: m.deaf,
    talking: m.talking,
    hasFloor: m.hasFloor,
    moderator: m.moderator,
    joinTime: m.joinedSeconds,
    energy: m.energy,
  };
}

export function createConferenceParticipantsService(deps: { esl: SwitchManager; tenants: TenantsRepository; pbx: Pick<PbxLookups, 'conferenceRoom'>; activity: ActivityLog }) {
  const { esl, tenants, pbx } = deps;

  /** null: every conference; else the domain whose conferences the actor may see. */
  async function domainOf(ctx: Ctx, permission: string): Promise<string | null> {
    authorize(ctx, permission);
    const scope = scopeOf(ctx.actor);
    if (scope.kind === 'all') return null;
    const tenant = scope.tenantId === null ? null : await tenants.findById(scope.tenantId);
    return tenant?.domain.toLowerCase() ?? '';
  }

  const visible = (conference: string, domain: string | null) => domain === null || (domain !== '' && conferenceDomain(conference, domain));

  /**
   * The running conference a request names, in the actor's view, with the room's number: a
   * conference_uuid names a room of the actor's tenants, a conference_name a running conference
   * of its domain; 404 otherwise.
   */
  async function named(input: { conferenceUuid?: string; conferenceName?: string }, domain: string | null, ctx: Ctx): Promise<{ name: string; extension: string }> {
    if (input.conferenceUuid !== undefined) {
      const room = await pbx.conferenceRoom(input.conferenceUuid);
      if (!room || !ctx.actor || !reachesTenant(ctx.actor, room.tenantId)) throw notFound('Conference');
      return { name: conferenceNameOf(room.extension, room.domain), extension: room.extension };
    }
    if (input.conferenceName === undefined) throw validationFailed('conferenceUuid', 'is required');
    if (!visible(input.conferenceName, domain)) throw notFound('Conference');
    return { name: input.conferenceName, extension: roomOf(input.conferenceName, domain) };
  }

  /** The members of a conference on whichever node runs it (with that node). */
  async function locate(conference: string): Promise<{ client: NodeClient; members: ConferenceMember[] } | null> {
    for (const client of esl.connected()) {
      const result = await onSwitch(() => client.api(commands.conferenceJsonList(conference)));
      if (result.ok && result.body.trim().startsWith('[')) return { client, members: parseConferenceJson(client.target.name, result.body) };
    }
    return null;
  }

  return {
    /** Every participant of every conference in view (GraphQL's list). */
    async list(query: { conference?: string }, ctx: Ctx): Promise<ConferenceMember[]> {
      const domain = await domainOf(ctx, 'conference_participant_list');
      if (query.conference !== undefined) {
        if (!visible(query.conference, domain)) return [];
        return (await locate(parse(ParticipantsQuery, { conferenceName: query.conference }).conferenceName!))?.members ?? [];
      }
      const lists = await Promise.all(
        esl.connected().map(async (client) => {
          const result = await onSwitch(() => client.api(commands.conferenceList()));
          return result.ok ? parseConferenceList(client.target.name, result.body) : [];
        }),
      );
      return lists.flat().filter((m) => visible(m.conference, domain));
    },

    /** One room and its members, as the ICTPBX conference panel polls it (an idle room has none). */
    async room(raw: unknown, ctx: Ctx): Promise<ConferenceRoomView> {
      const domain = await domainOf(ctx, 'conference_participant_list');
      const conference = await named(parse(ParticipantsQuery, raw), domain, ctx);
      const members = (await locate(conference.name))?.members ?? [];
      return { conferenceCenterExtension: conference.extension, conferenceName: conference.name, members: members.map(memberView) };
    },

    async act(raw: unknown, ctx: Ctx): Promise<ParticipantControlAnswer> {
      const domain = await domainOf(ctx, 'conference_participant_update');
      const input = parse(ParticipantControl, raw);
      const conference = (await named(input, domain, ctx)).name;
      const found = await locate(conference);
      if (!found || !found.members.some((m) => m.memberId === input.memberId)) throw notFound('Conference participant');
      const result = await onSwitch(() => found.client.api(commands.conferenceMember(conference, input.action, input.memberId)));
      if (!result.ok) throw switchFailed(`FreeSWITCH refused ${input.action}: ${result.text}`);
      await deps.activity.record(ctx, 'conference_participant', `${input.action} member ${input.memberId} of ${conference}`);
      return { status: 'ok', action: input.action, memberId: input.memberId };
    },
  };
}

export type ConferenceParticipantsService = ReturnType<typeof createConferenceParticipantsService>;
