// Follow-me: what else rings when an extension of the tenant is called. It holds no number of the
// dial plan and is no destination kind, but its destinations name extensions (an extension it
// rings cannot be deleted or renumbered); a change of it touches the tenant's rendered extensions.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { followMeRepository } from './follow-me.repository.ts';
import { createFollowMeService } from './follow-me.service.ts';

export const followMeModule = defineModule({
  name: 'followMe',
  permissions: { names: crud('follow_me'), tenant: ['follow_me'] },
  repository: followMeRepository,
  service: (followMe, deps) => createFollowMeService({ followMe, dialable: deps.dialable, changes: deps.changes, activity: deps.activity }),
  referrers: (repo) => ({ type: 'follow_me', pointingAt: repo.pointingAt }),
  changeLabels: { entity: 'follow_me', labels: ({ tenantId }) => (tenantId === null ? null : [labels.followMeOf(tenantId)]) },
});
