// Call block: inbound callers a tenant refuses, by number and/or caller-id name pattern, before
// any other routing of their call (the public context, ahead of the DIDs).
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { callBlocksRepository } from './call-blocks.repository.ts';
import { createCallBlocksService } from './call-blocks.service.ts';

export const callBlocksModule = defineModule({
  name: 'callBlocks',
  permissions: { names: crud('call_block'), tenant: ['call_block'] },
  repository: callBlocksRepository,
  service: (callBlocks, deps) => createCallBlocksService({ callBlocks, tenants: deps.repos.tenants, targets: deps.targets, changes: deps.changes, activity: deps.activity }),
  referrers: (repo) => ({ type: 'call_block', pointingAt: repo.pointingAt }),
  changeLabels: { entity: 'call_block', labels: () => [labels.callBlocks] },
});
