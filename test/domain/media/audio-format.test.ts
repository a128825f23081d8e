import { describe, expect, it } from 'vitest';
import { checkAudio } from '../../../src/domain/media/audio-format.ts';
import { fakeAudio, mp3File, wavFile } from '../../helpers/audio.ts';

describe('checkAudio reads what a file is from its bytes', () => {
  it('accepts PCM WAV and tells its shape', () => {
    expect(checkAudio(wavFile({ seconds: 1, sampleRate: 16000 }))).toEqual({ format: 'wav', channels: 1, sampleRate: 16000, bitsPerSample: 16, seconds: 1 });
    expect(checkAudio(wavFile({ channels: 2, sampleRate: 8000 }))).toMatchObject({ format: 'wav', channels: 2 });
  });

  it('accepts MP3, with or without an ID3 tag', () => {
    expect(checkAudio(mp3File())).toEqual({ format: 'mp3', channels: 1, sampleRate: 44100, bitrate: 128000 });
    expect(checkAudio(mp3File({ id3: true }))).toMatchObject({ format: 'mp3' });
  });

  it.each([
    ['text', fakeAudio.text, 'must be audio: WAV (PCM) or MP3'],
    ['a PNG image', fakeAudio.png, 'must be audio: WAV (PCM) or MP3'],
    ['a WAV header without samples', fakeAudio.emptyWav, 'is a WAV file without samples'],
    ['float WAV', fakeAudio.floatWav, 'is a WAV file that is not PCM (format 3): save it as PCM WAV'],
    ['an MP3 sync word followed by text', fakeAudio.mp3Header, 'must be audio: WAV (PCM) or MP3'],
    ['nothing', Buffer.alloc(0), 'must be audio: WAV (PCM) or MP3'],
  ])('refuses %s with a 400 naming the field', (_, bytes, problem) => {
    expect(() => checkAudio(bytes, 'greeting')).toThrow(expect.objectContaining({ statusCode: 400, field: 'greeting', problem }));
  });

  it('refuses a truncated WAV whose format chunk runs past the end', () => {
    expect(() => checkAudio(wavFile().subarray(0, 30))).toThrow(expect.objectContaining({ statusCode: 400, problem: 'is a WAV file with a damaged format chunk' }));
  });
});
