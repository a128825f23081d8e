// The messages in a voicemail box, as mod_voicemail keeps them (its own voicemail_msgs table on
// each node), listed and deleted over the Event Socket:
//   vm_list <id>@<domain>[/profile] [xml]   one line per message (mod_voicemail.c
//     api_list_callback): created_epoch:read_epoch:username:domain:folder:path:uuid:cid_name:cid_number:message_len
//   vm_delete <id>@<domain>[/profile] [<uuid>]   removes the file and the row, answers "+OK"
// An empty box answers nothing, which mod_event_socket sends as "-ERR no reply" (captured:
// ../shared/freeswitch/esl-transcripts/20-api-originate-voicemail-deposit.txt). No listing of a box
// holding messages was captured: the line format is read from mod_voicemail.c. A box's messages
// may be on any node (each keeps its own unless they share the storage and an ODBC database), so
// every connected node is asked; with none connected the answer is 503.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { notFound, switchFailed, switchUnavailable } from '../../errors.ts';
import type { ActivityLog } from '../../domain/activities/activity-log.ts';
import { reachesTenant } from '../../domain/shared/tenancy.ts';
import { VOICEMAIL_PROFILE } from '../../domain/voicemails/voicemail-storage.ts';
import type { VoicemailsRepository } from '../../domain/voicemails/voicemails.repository.ts';
import type { VoicemailMessageView } from '../../domain/voicemails/voicemails.schema.ts';
import { commands, type SwitchManager } from '../esl/index.ts';
import { onSwitch } from './switch-errors.ts';

/** The fields of a vm_list line; cid_name may hold colons, so the line is read from both ends. */
export function parseVmList(node: string, body: string): VoicemailMessageView[] {
  const out: VoicemailMessageView[] = [];
  for (const line of body.split('\n')) {
    const parts = line.replace(/\r$/, '').split(':');
    if (parts.length < 10 || !/^[0-9]+$/.test(parts[0])) continue;
    const [created, read, , , folder, , uuid] = parts;
    const messageLength = parts[parts.length - 1];
    const callerIdNumber = parts[parts.length - 2];
    const callerIdName = parts.slice(7, parts.length - 2).join(':');
    out.push({
      messageUuid: uuid,
      createdEpoch: Number(created),
      readEpoch: Number(read) || 0,
      folder,
      callerIdName,
      callerIdNumber,
      messageLength: Number(messageLength) || 0,
      node,
    });
  }
  return out;
}

export function createVoicemailMessagesService(deps: { esl: SwitchManager; voicemails: VoicemailsRepository; activity: ActivityLog }) {
  const { esl, voicemails } = deps;

  async function box(id: string, ctx: Ctx, permission: string) {
    authorize(ctx, permission);
    const found = await voicemails.findById(id);
    if (!found || !reachesTenant(ctx.actor, found.tenantId)) throw notFound('Voicemail');
    const nodes = esl.connected();
    if (nodes.length === 0) throw switchUnavailable('No FreeSWITCH node is connected');
    return { found, nodes, address: `${found.extension.extension}@${found.tenant.domain}/${VOICEMAIL_PROFILE}` };
  }

  async function listOn(nodes: ReturnType<SwitchManager['connected']>, address: string): Promise<VoicemailMessageView[]> {
    const lists = await Promise.all(
      nodes.map(async (client) => {
        const result = await onSwitch(() => client.api(commands.voicemailList(address)));
        return result.ok ? parseVmList(client.target.name, result.body) : [];
      }),
    );
    const seen = new Set<string>();
    return lists
      .flat()
      .filter((m) => !seen.has(m.messageUuid) && seen.add(m.messageUuid))
      .sort((a, b) => b.createdEpoch - a.createdEpoch);
  }

  return {
    /** The box's messages, newest first (one message on shared storage is listed once). */
    async list(voicemailId: string, ctx: Ctx): Promise<VoicemailMessageView[]> {
      const { nodes, address } = await box(voicemailId, ctx, 'voicemail_read');
      return listOn(nodes, address);
    },

    async remove(voicemailId: string, messageUuid: string, ctx: Ctx): Promise<void> {
      const { found, nodes, address } = await box(voicemailId, ctx, 'voicemail_update');
      const holders = (await listOn(nodes, address)).filter((m) => m.messageUuid === messageUuid).map((m) => m.node);
      if (holders.length === 0) throw notFound('Voicemail message');
      for (const client of nodes.filter((c) => holders.includes(c.target.name))) {
        const result = await onSwitch(() => client.api(commands.voicemailDelete(address, messageUuid)));
        if (!result.ok) throw switchFailed(`FreeSWITCH refused vm_delete: ${result.text}`);
      }
      await deps.activity.record(ctx as AuthedCtx, 'voicemail_message_deleted', `Delete message ${messageUuid} of Voicemail ${found.extension.extension}@${found.tenant.domain}`, {
        tenantId: found.tenantId,
      });
    },
  };
}

export type VoicemailMessagesService = ReturnType<typeof createVoicemailMessagesService>;
