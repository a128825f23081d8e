// SIP extensions: the users of a tenant's domain. They take numbers in the tenant's dial plan and
// are what `extension` and `voicemail` destinations name: one something points at (a DID, a ring
// group's member, a follow-me, another extension's forward, ...) is not deleted or renumbered (409).
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { musicOnHoldRepository } from '../music-on-hold/music-on-hold.repository.ts';
import { holdMusicChecker } from '../music-on-hold/music-on-hold.service.ts';
import { crud } from '../roles/catalogue.ts';
import { extensionsRepository } from './extensions.repository.ts';
import { createExtensionsService } from './extensions.service.ts';

export const extensionsModule = defineModule({
  name: 'extensions',
  // fpbx_extension_password reveals SIP and voicemail secrets on read.
  permissions: {
    names: crud('fpbx_extension', ['create', 'list', 'read', 'update', 'delete', 'assign', 'password']),
    tenant: ['fpbx_extension'],
    user: ['fpbx_extension_list', 'fpbx_extension_read'],
  },
  repository: extensionsRepository,
  service: (extensions, deps) =>
    createExtensionsService({
      extensions,
      tenants: deps.repos.tenants,
      users: deps.repos.users,
      secrets: deps.secrets,
      dialable: deps.dialable,
      targets: deps.targets,
      changes: deps.changes,
      activity: deps.activity,
      holdMusic: holdMusicChecker(musicOnHoldRepository(deps.db), deps.repos.tenants),
    }),
  dialable: (extensions) => ({ type: 'extension', holding: extensions.holding, all: extensions.numbers }),
  destinations: (extensions) => {
    const exists = async (tenantId: number, value: string) => ((await extensions.holding(tenantId, [value])).length > 0 ? null : 'names no extension of the tenant');
    return { extension: exists, voicemail: exists };
  },
  // An extension's enabled forwards name other extensions.
  referrers: (extensions) => ({ type: 'extension', pointingAt: extensions.pointingAt }),
  playsHoldMusic: (extensions) => ({ type: 'extension', playing: extensions.playingHoldMusic }),
  changeLabels: {
    entity: 'extension',
    labels: ({ tenantId, id }) => {
      if (tenantId === null) return null;
      return id === undefined ? [labels.tenant(tenantId), labels.extensions] : [labels.extension(String(id)), labels.extensionsOf(tenantId), labels.extensions];
    },
  },
});
