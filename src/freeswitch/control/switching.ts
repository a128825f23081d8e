// Switchyard's control of FreeSWITCH, on the Event Socket and above the domain: the node manager (connected by the `esl` plugin), the
// switch node admin, live calls and call control, trunk status and conference participants.
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { createSwitchManager, type FlushLookups } from '../esl/index.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../../domain/activities/activity-log.ts';
import { createConferenceParticipantsService } from './conference-participants.service.ts';
import { pbxLookupsRepository } from './pbx-lookups.repository.ts';
import { createProviderStatusService, gatewayNameOf } from './provider-status.service.ts';
import { createRealtimeService } from './realtime.service.ts';
import { switchNodesRepository } from '../../domain/switch-nodes/switch-nodes.repository.ts';
import { createSwitchNodesService } from '../../domain/switch-nodes/switch-nodes.service.ts';
import { voicemailsRepository } from '../../domain/voicemails/voicemails.repository.ts';
import { createVoicemailMessagesService } from './voicemail-messages.service.ts';
import { createVoicemailMailService } from './voicemail-mail.service.ts';
import type { Mailer } from '../../infra/mailer.ts';
import type { TenantsRepository } from '../../domain/tenants/tenants.repository.ts';

export function createSwitchingServices(deps: { config: Config; db: Db; tenants: TenantsRepository; secrets: SecretBox; changes: ChangeBus; activity: ActivityLog; mailer: Mailer }) {
  const { config, db, tenants, secrets, changes, activity } = deps;
  const esl = createSwitchManager(config.esl);
  const pbx = pbxLookupsRepository(db);
  const flushLookups: FlushLookups = {
    extension: (id) => pbx.extensionAddress(id),
    gateways: async () => (await pbx.gateways()).map((p) => ({ id: p.id, gateway: gatewayNameOf(p), profile: p.profile, active: p.active })),
  };
  return {
    esl,
    flushLookups,
    switchNodes: createSwitchNodesService({ config, nodes: switchNodesRepository(db), secrets, changes, activity, status: () => esl.nodes() }),
    realtime: createRealtimeService({ esl, tenants, pbx, activity }),
    providerStatus: createProviderStatusService({ esl, pbx }),
    conferenceParticipants: createConferenceParticipantsService({ esl, tenants, pbx, activity }),
    voicemailMessages: createVoicemailMessagesService({ esl, voicemails: voicemailsRepository(db), activity }),
    voicemailMail: createVoicemailMailService({ config, voicemails: voicemailsRepository(db), mailer: deps.mailer }),
  };
}

export type SwitchingServices = ReturnType<typeof createSwitchingServices>;
