// What an uploaded audio file really is, read from its bytes (never from its name or the
// Content-Type the browser guessed): WAV holding PCM samples, which mod_sndfile plays, or MPEG
// Layer III, which mod_shout plays. Anything else is refused before it is stored.
import { validationFailed } from '../../errors.ts';

export type AudioInfo =
  | { format: 'wav'; channels: number; sampleRate: number; bitsPerSample: number; seconds: number }
  | { format: 'mp3'; channels: number; sampleRate: number; bitrate: number };

/** The file name extension FreeSWITCH picks the player by. */
export const audioExtension = (info: AudioInfo) => info.format;

/** The audio in `bytes`, or a 400 naming `field` that says what is wrong. */
export function checkAudio(bytes: Uint8Array, field = 'file'): AudioInfo {
  const found = readWav(bytes) ?? readMp3(bytes);
  if (typeof found === 'string') throw validationFailed(field, found);
  if (!found) throw validationFailed(field, 'must be audio: WAV (PCM) or MP3');
  return found;
}

const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));

/** null: not a WAV file at all; a string: a WAV file that cannot be played (the problem). */
function readWav(b: Uint8Array): AudioInfo | string | null {
  if (b.length < 12 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WAVE') return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let fmt: { tag: number; channels: number; sampleRate: number; byteRate: number; blockAlign: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= b.length; ) {
    const id = ascii(b, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > b.length) return 'is a WAV file with a damaged format chunk';
      let tag = view.getUint16(body, true);
      // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its SubFormat GUID.
      if (tag === 0xfffe && size >= 40) tag = view.getUint16(body + 24, true);
      fmt = {
        tag,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        blockAlign: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!fmt) return 'is a WAV file without a format chunk before its samples';
      if (fmt.tag !== 1) return `is a WAV file that is not PCM (format ${fmt.tag}): save it as PCM WAV`;
      if (fmt.channels < 1 || fmt.channels > 2) return 'is a WAV file with more than two channels';
      if (fmt.sampleRate < 8000 || fmt.sampleRate > 192_000) return 'is a WAV file with an unplayable sample rate';
      if (![8, 16, 24, 32].includes(fmt.bits) || fmt.blockAlign !== (fmt.channels * fmt.bits) / 8) return 'is a WAV file with an invalid sample size';
      const samples = Math.min(size, b.length - body);
      if (samples < fmt.blockAlign) return 'is a WAV file without samples';
      return { format: 'wav', channels: fmt.channels, sampleRate: fmt.sampleRate, bitsPerSample: fmt.bits, seconds: samples / (fmt.sampleRate * fmt.blockAlign) };
    }
    at = body + size + (size % 2);
  }
  return 'is a WAV file without samples';
}

const MP3_BITRATES = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<number, number[]>;

/** A Layer III frame header at `at`: its length in bytes and what it says, or null. */
function mp3Frame(b: Uint8Array, at: number) {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return null;
  const version = (b[at + 1] >> 3) & 3; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5, 1 reserved
  const layer = (b[at + 1] >> 1) & 3; // 1 is Layer III
  const bitrateIndex = b[at + 2] >> 4;
  const rateIndex = (b[at + 2] >> 2) & 3;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const bitrate = (version === 3 ? MP3_BITRATES.mpeg1 : MP3_BITRATES.mpeg2)[bitrateIndex] * 1000;
  const sampleRate = MP3_RATES[version][rateIndex];
  const padding = (b[at + 2] >> 1) & 1;
  const length = Math.floor(((version === 3 ? 144 : 72) * bitrate) / sampleRate) + padding;
  return { length, bitrate, sampleRate, channels: b[at + 3] >> 6 === 3 ? 1 : 2 };
}

/** An MP3 stream: an optional ID3v2 tag, then Layer III frames, the first two of which must chain. */
function readMp3(b: Uint8Array): AudioInfo | null {
  let at = 0;
  if (ascii(b, 0, 3) === 'ID3' && b.length >= 10) {
    const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
    at = 10 + size + (b[5] & 0x10 ? 10 : 0);
    // Some encoders pad the tag with zeros beyond its declared size.
    for (const end = Math.min(b.length, at + 4096); at < end && b[at] === 0; ) at++;
  }
  const first = mp3Frame(b, at);
  if (!first) return null;
  const next = at + first.length;
  if (next !== b.length && !mp3Frame(b, next)) return null;
  return { format: 'mp3', channels: first.channels, sampleRate: first.sampleRate, bitrate: first.bitrate };
}
