// Real audio files built in the test, and files that only pretend to be audio.

/** A PCM WAV file holding a tone (format 1, or 3 for IEEE float, which FreeSWITCH's greetings refuse). */
export function wavFile(options: { seconds?: number; sampleRate?: number; channels?: number; bits?: number; format?: number } = {}): Buffer {
  const { seconds = 0.5, sampleRate = 8000, channels = 1, bits = 16, format = 1 } = options;
  const blockAlign = (channels * bits) / 8;
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * blockAlign);
  for (let i = 0; i < frames; i++) {
    const sample = Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 0.3 * 32767);
    for (let c = 0; c < channels; c++) if (bits === 16) data.writeInt16LE(sample, i * blockAlign + c * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(format, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * An MP3 file of silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono), optionally behind
 * an ID3v2 tag. A frame whose side information is all zero decodes to silence.
 */
export function mp3File(options: { frames?: number; id3?: boolean } = {}): Buffer {
  const { frames = 20, id3 = false } = options;
  const frame = Buffer.alloc(417); // 144 * 128000 / 44100, no padding
  frame.set([0xff, 0xfb, 0x90, 0xc4]);
  const body = Buffer.concat(Array.from({ length: frames }, () => frame));
  if (!id3) return body;
  const tag = Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 10]), Buffer.alloc(10)]);
  return Buffer.concat([tag, body]);
}

/** Files that lie about being audio: named and typed as audio, holding something else. */
export const fakeAudio = {
  text: Buffer.from('this is not audio, whatever its name says\n'),
  png: Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  /** A WAV header with no samples after it. */
  emptyWav: wavFile({ seconds: 0 }),
  /** IEEE float samples: a WAV file, but not PCM. */
  floatWav: wavFile({ format: 3, bits: 32 }),
  /** One MP3 frame header followed by text: a sync word is not a stream. */
  mp3Header: Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0xc4]), Buffer.alloc(100, 0x41)]),
};
