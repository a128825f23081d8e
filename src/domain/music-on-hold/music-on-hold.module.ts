// Music on hold: a tenant's classes, each a mod_local_stream stream playing the audio files
// uploaded to it (local_stream.conf lists every tenant's). What `hold_music` names is checked by
// holdMusicChecker (music-on-hold.service.ts), which extensions, call queues and conference rooms
// use; what plays a class registers itself (players.ts), so a class played cannot go.
import { createMediaStore } from '../../infra/media-store.ts';
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { musicOnHoldRepository } from './music-on-hold.repository.ts';
import { createMusicOnHoldService } from './music-on-hold.service.ts';

export const musicOnHoldModule = defineModule({
  name: 'musicOnHold',
  permissions: { names: crud('music_on_hold'), tenant: ['music_on_hold'] },
  repository: musicOnHoldRepository,
  service: (musicOnHold, deps) =>
    createMusicOnHoldService({
      musicOnHold,
      tenants: deps.repos.tenants,
      media: createMediaStore(deps.config.media.dir),
      changes: deps.changes,
      activity: deps.activity,
      players: deps.holdMusicPlayers,
    }),
  // local_stream.conf lists every tenant's classes in one answer.
  changeLabels: { entity: 'music_on_hold', labels: () => [labels.musicOnHold] },
});
