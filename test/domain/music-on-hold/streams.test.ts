import { describe, expect, it } from 'vitest';
import { storedFileName } from '../../../src/domain/music-on-hold/music-on-hold.service.ts';
import { classDirectory, holdMusicName, holdMusicSource, streamName } from '../../../src/domain/music-on-hold/streams.ts';

const tenant = { domain: 'acme.test', domainUuid: 'u-1' };

describe('music-on-hold streams', () => {
  it('names a class at a rate <domain>/<name>/<rate> and one of any rate <domain>/<name>, in a directory of the domain uuid', () => {
    expect(streamName({ name: 'jazz', rate: 16000, tenant })).toBe('acme.test/jazz/16000');
    expect(streamName({ name: 'jazz', rate: null, tenant })).toBe('acme.test/jazz');
    expect(classDirectory({ name: 'jazz', rate: null, tenant })).toEqual(['music', 'u-1', 'jazz', 'any']);
  });

  it('reads what hold_music names, and renders what it plays', () => {
    expect(holdMusicName('local_stream://acme.test/jazz', 'acme.test')).toBe('jazz');
    expect(holdMusicName('local_stream://jazz', 'acme.test')).toBe('jazz');
    expect(holdMusicName(' ', 'acme.test')).toBe('');
    expect(holdMusicName('local_stream://globex.test/jazz', 'acme.test')).toBeNull();
    expect(holdMusicName('/tmp/x.wav', 'acme.test')).toBeNull();
    expect(holdMusicSource('jazz', 'acme.test')).toBe('local_stream://acme.test/jazz');
    expect(holdMusicSource('MOH', 'acme.test')).toBe('local_stream://moh');
    expect(holdMusicSource('local_stream://legacy', 'acme.test')).toBe('local_stream://legacy');
    expect(holdMusicSource('', 'acme.test')).toBe('');
  });

  it('stores an uploaded file under its base name made safe, with the extension of what it is', () => {
    expect(storedFileName('C:\\fakepath\\My Song (1).WAV', 'wav')).toBe('My_Song_1.wav');
    expect(storedFileName('../../etc/passwd', 'mp3')).toBe('passwd.mp3');
    expect(storedFileName('.hidden', 'wav')).toBe('music.wav');
    expect(storedFileName('', 'mp3')).toBe('music.mp3');
  });
});
