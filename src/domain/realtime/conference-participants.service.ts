// Who is in a conference right now, and muting, deafening or kicking them. A tenant's rooms run
// as `<room>-<domain>` (or `<room>@<domain>`), so the name says whose a conference is.
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { notFound, switchFailed } from '../../errors.ts';
import { commands, parseConferenceJson, parseConferenceList, type ConferenceMember, type NodeClient, type SwitchManager } from '../../freeswitch/esl/index.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { onSwitch } from './switch-errors.ts';

export type ParticipantAction = 'mute' | 'unmute' | 'deaf' | 'undeaf' | 'kick';

const CONFERENCE = /^[A-Za-z0-9_.@:+-]{1,128}$/;

export function conferenceDomain(conference: string, domain: string): boolean {
  const name = conference.toLowerCase();
  return name.endsWith(`-${domain}`) || name.endsWith(`@${domain}`);
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

  /** The members of a conference on whichever node runs it (with that node). */
  async function locate(conference: string): Promise<{ client: NodeClient; members: ConferenceMember[] } | null> {
    for (const client of esl.connected()) {
      const result = await onSwitch(() => client.api(commands.conferenceJsonList(conference)));
      if (result.ok && result.body.trim().startsWith('[')) return { client, members: parseConferenceJson(client.target.name, result.body) };
    }
    return null;
  }

  return {
    async list(query: { conference?: string }, ctx: Ctx): Promise<ConferenceMember[]> {
      const domain = await domainOf(ctx, 'conference_participant_list');
      if (query.conference !== undefined) {
        if (!CONFERENCE.test(query.conference) || !visible(query.conference, domain)) return [];
        return (await locate(query.conference))?.members ?? [];
      }
      const lists = await Promise.all(
        esl.connected().map(async (client) => {
          const result = await onSwitch(() => client.api(commands.conferenceList()));
          return result.ok ? parseConferenceList(client.target.name, result.body) : [];
        }),
      );
      return lists.flat().filter((m) => visible(m.conference, domain));
    },

    async act(input: { conference: string; memberId: number; action: ParticipantAction }, ctx: Ctx): Promise<void> {
      const domain = await domainOf(ctx, 'conference_participant_update');
      if (!CONFERENCE.test(input.conference) || !visible(input.conference, domain)) throw notFound('Conference participant');
      const found = await locate(input.conference);
      if (!found || !found.members.some((m) => m.memberId === input.memberId)) throw notFound('Conference participant');
      const result = await onSwitch(() => found.client.api(commands.conferenceMember(input.conference, input.action, input.memberId)));
      if (!result.ok) throw switchFailed(`FreeSWITCH refused ${input.action}: ${result.text}`);
      await deps.activity.record(ctx, 'conference_participant', `${input.action} member ${input.memberId} of ${input.conference}`);
    },
  };
}

export type ConferenceParticipantsService = ReturnType<typeof createConferenceParticipantsService>;
