// What a music-on-hold class is to FreeSWITCH: a stream of mod_local_stream, and what `hold_music`
// says to play it. mod_local_stream (local_stream_file_open) resolves `local_stream://<path>` by
// trying `<path>/<rate of the channel>` first, then `<path>` itself, then (when neither path holds
// the word "default") the stream named `default`. So, as FusionPBX names them:
// - a class at a rate is the stream `<domain>/<name>/<rate>`: `local_stream://<domain>/<name>`
//   reaches it on channels at that rate;
// - a class without a rate (FusionPBX's "auto") is the stream `<domain>/<name>`, played at
//   48000 Hz and resampled for every channel: it answers the channel rates no rated class of the
//   name has;
// - anything else falls back to the stock `default` stream.
// A tenant's streams start with its domain, so no two tenants' names meet, and a class name starts
// with a letter, so it is never taken for a rate. The files live under MEDIA_DIR at
// music/<domain uuid>/<name>/<rate or "any">/ (the uuid, not the domain: a tenant's domain may be
// renamed, its uuid never is).

/** The rates mod_local_stream accepts for a stream (launch_thread ignores any other). */
export const STREAM_RATES = [8000, 12000, 16000, 24000, 32000, 48000] as const;

/** The rate a class without one is played at (FusionPBX's "auto"). */
export const ANY_RATE_PLAYED_AT = 48000;

/** A class name: a letter, then letters, digits, `_` and `-` (a stream name's and a directory's segment). */
export const CLASS_NAME = '^[A-Za-z][A-Za-z0-9_-]{0,63}$';
const CLASS_NAME_SHAPE = new RegExp(CLASS_NAME);

/**
 * The streams of the stock local_stream.conf (conf/vanilla/autoload_configs), which hold_music may
 * name too: `default` (what unknown streams fall back to) and `moh` (`moh/<rate>`, vars.xml's
 * hold_music). Tenants' class names may not take them.
 */
export const STOCK_STREAMS = ['default', 'moh'] as const;

export const isStockStream = (name: string) => (STOCK_STREAMS as readonly string[]).includes(name.toLowerCase());

export interface StreamOf {
  name: string;
  /** null: any rate. */
  rate: number | null;
  tenant: { domain: string; domainUuid: string };
}

/** The class's stream name in local_stream.conf. */
export const streamName = (c: StreamOf) => (c.rate === null ? `${c.tenant.domain}/${c.name}` : `${c.tenant.domain}/${c.name}/${c.rate}`);

/** Where the class's files are, under MEDIA_DIR (media-store segments). */
export const classDirectory = (c: StreamOf) => ['music', c.tenant.domainUuid, c.name, c.rate === null ? 'any' : String(c.rate)];

/** The directory holding every rate of a class name. */
export const nameDirectory = (c: Omit<StreamOf, 'rate'>) => ['music', c.tenant.domainUuid, c.name];

/**
 * What an extension's (a queue's, a conference's) `hold_music` plays, from the name stored: a
 * tenant's class plays the tenant's stream, a stock stream itself; '' plays nothing of its own.
 * Values stored before classes existed (already a `local_stream://` or other source) are kept.
 */
export function holdMusicSource(stored: string, domain: string): string {
  if (!stored) return '';
  if (!CLASS_NAME_SHAPE.test(stored)) return stored;
  return isStockStream(stored) ? `local_stream://${stored.toLowerCase()}` : `local_stream://${domain}/${stored}`;
}

/**
 * What a hold_music input may look like (holdMusicChecker decides what it names): a name, or
 * local_stream://[<domain>/]<name>. The name part also admits the dots of values stored before
 * classes were checked (local_stream://<anything of [A-Za-z0-9_.-]>), which a form PUTs back.
 */
export const HOLD_MUSIC_INPUT = '^$|^(local_stream://)?([A-Za-z0-9.-]{1,253}/)?[A-Za-z0-9_.-]{1,64}$';
export const HOLD_MUSIC_INPUT_MAX = 'local_stream://'.length + 253 + 1 + 64;
export const HOLD_MUSIC_PROBLEM = "must name a music-on-hold class of the tenant (its name, or local_stream://<domain>/<name>) or a stock stream (default, moh); '' for the stock hold music";

/** The name a hold_music input names: `jazz`, `local_stream://jazz`, `local_stream://<domain>/jazz`, or '' (none); null when it names none. */
export function holdMusicName(given: string, domain: string): string | null {
  let name = given.trim();
  if (name.startsWith('local_stream://')) name = name.slice('local_stream://'.length);
  if (name.startsWith(`${domain}/`)) name = name.slice(domain.length + 1);
  if (name === '') return '';
  return CLASS_NAME_SHAPE.test(name) ? name : null;
}
