// Call queues (mod_callcenter): numbers of a tenant's dial plan where callers wait for agents
// (extensions of the tenant). They hold numbers in the tenant's dial plan, are what `queue`
// destinations name (by their number), their timeout destinations point at other things, their
// music on hold is a music-on-hold class (which cannot go while they play it), and they add the
// agent login and logout feature codes (listed at /feature_codes, reserved, rendered by the
// queues' dialplan piece).
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { musicOnHoldRepository } from '../music-on-hold/music-on-hold.repository.ts';
import { holdMusicChecker } from '../music-on-hold/music-on-hold.service.ts';
import { crud } from '../roles/catalogue.ts';
import { callQueuesRepository } from './call-queues.repository.ts';
import { createCallQueuesService } from './call-queues.service.ts';

/** The agent feature codes (FusionPBX's agent status code is *22; logout is Switchyard's *23). */
export const AGENT_CODES = [
  { number: '*22', expression: '^\\*22$', status: 'Available', action: 'agent_login', name: 'Agent login', description: 'The caller’s extension becomes Available in every queue it is an agent of' },
  { number: '*23', expression: '^\\*23$', status: 'Logged Out', action: 'agent_logout', name: 'Agent logout', description: 'The caller’s extension is Logged Out of every queue it is an agent of' },
] as const;

export const callQueuesModule = defineModule({
  name: 'callQueues',
  permissions: { names: crud('call_queue'), tenant: ['call_queue'] },
  repository: callQueuesRepository,
  service: (callQueues, deps) =>
    createCallQueuesService({
      callQueues,
      tenants: deps.repos.tenants,
      dialable: deps.dialable,
      targets: deps.targets,
      changes: deps.changes,
      activity: deps.activity,
      holdMusic: holdMusicChecker(musicOnHoldRepository(deps.db), deps.repos.tenants),
    }),
  dialable: (repo) => ({ type: 'queue', holding: repo.holding, all: repo.numbers }),
  featureCodes: () => ({
    codes: async () => AGENT_CODES.map(({ number, expression, action, name, description }) => ({ number, expression, action, name, description, enabled: true })),
  }),
  destinations: (repo) => ({
    queue: async (tenantId, value) => ((await repo.holding(tenantId, [value])).length > 0 ? null : 'names no call queue of the tenant (by its number)'),
  }),
  referrers: (repo) => ({ type: 'queue', pointingAt: repo.pointingAt }),
  playsHoldMusic: (repo) => ({ type: 'call queue', playing: repo.playingHoldMusic }),
  // A queue's change touches its tenant's context and callcenter.conf (every queue's answer).
  changeLabels: { entity: 'call_queue', labels: ({ tenantId }) => (tenantId === null ? null : [labels.callQueuesOf(tenantId), labels.callQueues]) },
});
