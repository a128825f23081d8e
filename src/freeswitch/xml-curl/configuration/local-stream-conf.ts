// local_stream.conf's tenant streams: one per music-on-hold class, named and placed as
// domain/music-on-hold/streams.ts says (the same names the ESL commands and hold_music use), with
// the params launch_thread (mod_local_stream.c) reads. mod_local_stream keeps chime-freq and
// chime-max only above 1, so 0 (the default) leaves them out; chime-list names files of the
// class by their full path. Values come from write-time checked fields.
import { join } from 'node:path';
import { ANY_RATE_PLAYED_AT, classDirectory, streamName } from '../../../domain/music-on-hold/streams.ts';
import type { LocalStreamClass } from './configuration.repository.ts';

export function localStreams(classes: readonly LocalStreamClass[], mediaDir: string) {
  return classes.map((c) => {
    const stream = { name: c.name, rate: c.rate || null, tenant: c.tenant };
    const path = join(mediaDir, ...classDirectory(stream));
    return {
      name: streamName(stream),
      path,
      rate: c.rate || ANY_RATE_PLAYED_AT,
      shuffle: c.shuffle ? 'true' : 'false',
      channels: c.channels,
      interval: c.interval,
      timerName: c.timerName || 'soft',
      chimeList: c.chimeList ? c.chimeList.split(',').map((file) => join(path, file)).join(',') : undefined,
      chimeFreq: c.chimeFreq > 1 ? c.chimeFreq : undefined,
      chimeMax: c.chimeMax > 1 ? c.chimeMax : undefined,
    };
  });
}
