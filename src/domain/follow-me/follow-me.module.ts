// Follow-me: what else rings when an extension of the tenant is called. It is no destination kind,
// but its destinations name extensions (an extension it rings cannot be deleted or renumbered);
// it adds the toggle feature code (*21) to every tenant; a change of it touches the tenant's
// rendered extensions and that code.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { followMeRepository } from './follow-me.repository.ts';
import { createFollowMeService } from './follow-me.service.ts';

/**
 * The toggle code: FusionPBX's *21 (its follow_me.lua), one for every tenant; it turns the caller's
 * own extension's follow-me on or off (freeswitch/xml-curl/dialplan/follow-me-toggle.ts).
 */
export const FOLLOW_ME_TOGGLE = { number: '*21', expression: '^\\*21$' } as const;

export const followMeModule = defineModule({
  name: 'followMe',
  permissions: { names: crud('follow_me'), tenant: ['follow_me'] },
  repository: followMeRepository,
  service: (followMe, deps) => createFollowMeService({ followMe, dialable: deps.dialable, changes: deps.changes, activity: deps.activity }),
  featureCodes: () => ({
    codes: async () => [
      {
        ...FOLLOW_ME_TOGGLE,
        name: 'Follow me toggle',
        description: "Turn the caller's own extension's follow-me on or off",
        action: 'follow_me_toggle',
        enabled: true,
      },
    ],
  }),
  referrers: (repo) => ({ type: 'follow_me', pointingAt: repo.pointingAt }),
  changeLabels: { entity: 'follow_me', labels: ({ tenantId }) => (tenantId === null ? null : [labels.followMeOf(tenantId)]) },
});
