// Inbound routes: the ICTPBX client's FusionPBX-shaped view and editor of the DIDs' routing. One
// model: its repository is the DIDs' (no table of its own), its writes go through the DIDs service
// (which checks destinations, registers what DIDs point at and announces each change), and it
// checks the DIDs' permissions. So it has no permissions, referrers or change labels of its own.
import { didsRepository } from '../dids/dids.repository.ts';
import type { DidsService } from '../dids/dids.service.ts';
import { defineModule, need } from '../module.ts';
import { createInboundRoutesService } from './inbound-routes.service.ts';

export const inboundRoutesModule = defineModule({
  name: 'inboundRoutes',
  repository: didsRepository,
  service: (dids, deps) => createInboundRoutesService({ dids, didsService: need<DidsService>(deps, 'dids'), tenants: deps.repos.tenants, targets: deps.targets }),
});
