// Phones (issue 16): device profiles, devices, their lines, the vendors Switchyard provisions,
// and what a phone's configuration file is made of. Nothing here changes what FreeSWITCH is told
// (a phone registers as its lines' extensions), so no change is announced on the bus.
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { createDeviceLinesService } from './device-lines.service.ts';
import { deviceVendorView } from './device-views.ts';
import { devicesRepository } from './devices.repository.ts';
import { createDevicesService } from './devices.service.ts';
import { createProvisioning } from './provisioning.ts';
import { VENDORS } from './vendors.ts';
import { authorize, type Ctx } from '../../context.ts';

export const devicesModule = defineModule({
  name: 'devices',
  // `device` grants device_*, profiles' and lines' included (ICTCore's prefix rule).
  permissions: {
    names: [...crud('device'), ...crud('device_profile'), ...crud('device_line'), ...crud('device_vendor', ['list'])],
    tenant: ['device'],
  },
  repository: devicesRepository,
  service: (repo, deps) => {
    const { profiles, devices, visibleDevice } = createDevicesService({ repo, tenants: deps.repos.tenants, secrets: deps.secrets, activity: deps.activity });
    const lines = createDeviceLinesService({ repo, devices: { profiles, devices, visibleDevice }, activity: deps.activity });
    return {
      profiles,
      devices,
      lines,
      vendors(ctx: Ctx) {
        authorize(ctx, 'device_vendor_list');
        return VENDORS.map(deviceVendorView);
      },
      provisioning: createProvisioning({ repo, secrets: deps.secrets }),
    };
  },
});
