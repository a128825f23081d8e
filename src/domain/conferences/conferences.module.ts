// Conference rooms: numbers of a tenant's dial plan that join callers to a conference with its own
// conference.conf profile. They hold numbers in the tenant's dial plan and are what `conference`
// destinations name (by their number); their hold music is a music-on-hold class (which cannot go
// while they play it); the live participants (freeswitch/control) find a room through this
// module's service.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { musicOnHoldRepository } from '../music-on-hold/music-on-hold.repository.ts';
import { holdMusicChecker } from '../music-on-hold/music-on-hold.service.ts';
import { crud } from '../roles/catalogue.ts';
import { conferencesRepository } from './conferences.repository.ts';
import { createConferencesService } from './conferences.service.ts';

export const conferencesModule = defineModule({
  name: 'conferences',
  permissions: { names: crud('conference'), tenant: ['conference'] },
  repository: conferencesRepository,
  service: (conferences, deps) =>
    createConferencesService({
      conferences,
      tenants: deps.repos.tenants,
      dialable: deps.dialable,
      targets: deps.targets,
      changes: deps.changes,
      activity: deps.activity,
      holdMusic: holdMusicChecker(musicOnHoldRepository(deps.db), deps.repos.tenants),
    }),
  dialable: (conferences) => ({ type: 'conference', holding: conferences.holding, all: conferences.numbers }),
  destinations: (conferences) => ({
    conference: async (tenantId, value) => ((await conferences.holding(tenantId, [value])).length > 0 ? null : 'names no conference room of the tenant (by its number)'),
  }),
  playsHoldMusic: (conferences) => ({ type: 'conference', playing: conferences.playingHoldMusic }),
  // A room's change touches its tenant's context and its conference.conf profile; `conferences`
  // drops the cached misses (a profile fetched before its room existed).
  changeLabels: { entity: 'conference', labels: ({ tenantId }) => (tenantId === null ? null : [labels.conferencesOf(tenantId), labels.conferences]) },
});
