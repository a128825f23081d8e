// Who is in a conference right now, and muting, deafening or kicking them. A tenant's rooms run
// as `<room>-<domain>` (or `<room>@<domain>`), so the name says whose a conference is. The ICTPBX
// client names a room by its conference centre (`conference_uuid`): those arrive with the
// conferences module, so until then a conference_uuid names no room (404 "Conference not found")
// and the running conference is named by `conference_name` (conference-participants.schema.ts).
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { notFound, switchFailed, validationFailed } from '../../errors.ts';
import { parse } from '../../domain/shared/schema.ts';
import { commands, parseConferenceJson, parseConferenceList, type ConferenceMember, type NodeClient, type SwitchManager } from '../esl/index.ts';
import type { ActivityLog } from '../../domain/activities/activity-log.ts';
import type { TenantsRepository } from '../../domain/tenants/tenants.repository.ts';
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

export function createConferenceParticipantsService(deps: { esl: SwitchManager; tenants: TenantsRepository; activity: ActivityLog }) {
  const { esl, tenants } = deps;

  /** null: every conference; else the domain whose conferences the actor may see. */
  async function domainOf(ctx: Ctx, permission: string): Promise<string | null> {
    authorize(ctx, permission);
    const scope = scopeOf(ctx.actor);
    if (scope.kind === 'all') return null;
    const tenant = scope.tenantId === null ? null : await tenants.findById(scope.tenantId);
    return tenant?.domain.toLowerCase() ?? '';
  }

  const visible = (conference: string, domain: string | null) => domain === null || (domain !== '' && conferenceDomain(conference, domain));

  /** The running conference a request names, in the actor's view; 404 otherwise. */
  function named(input: { conferenceUuid?: string; conferenceName?: string }, domain: string | null): string {
    // Conference centres arrive with the conferences module: no uuid names a room yet.
    if (input.conferenceUuid !== undefined && input.conferenceName === undefined) throw notFound('Conference');
    if (input.conferenceName === undefined) throw validationFailed('conferenceUuid', 'is required');
    if (!visible(input.conferenceName, domain)) throw notFound('Conference');
    return input.conferenceName;
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
      const conference = named(parse(ParticipantsQuery, raw), domain);
      const members = (await locate(conference))?.members ?? [];
      return { conferenceCenterExtension: roomOf(conference, domain), conferenceName: conference, members: members.map(memberView) };
    },

    async act(raw: unknown, ctx: Ctx): Promise<ParticipantControlAnswer> {
      const domain = await domainOf(ctx, 'conference_participant_update');
      const input = parse(ParticipantControl, raw);
      const conference = named(input, domain);
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
