// A music-on-hold class as the ICTPBX client has it (src/app/pages/music_on_hold/music_on_hold.ts:
// FusionPBX's v_music_on_hold fields, keyed by music_on_hold_uuid): a name, a rate (the form's
// number input, 8000 by default; null once cleared: any rate), shuffle as 'true'/'false', channels,
// interval, timer name and the chime fields. Its path is Switchyard's, under MEDIA_DIR: the form's
// Path input is accepted only as the path the class already has (the form PUTs back what it
// loaded). The view's other fields are accepted and dropped. REST speaks these names in
// snake_case, GraphQL in camelCase.
import { Blank, Flag, Id, Input, Matching, NoValue, Nullable, ReadOnly, Text, Type, Whole, type Static, type StaticDecode } from '../shared/schema.ts';
import { CLASS_NAME, STREAM_RATES } from './streams.ts';

const RATE_PROBLEM = `must be one of ${STREAM_RATES.join(', ')} (null: any rate)`;

/** The rate: a number input's value (sometimes as text), or null for any rate. */
const Rate = Type.Optional(
  Type.Transform(
    Type.Union([NoValue, Type.Union(STREAM_RATES.map((r) => Type.Literal(r))), Type.Union(STREAM_RATES.map((r) => Type.Literal(String(r))))], {
      typeMessage: RATE_PROBLEM,
      description: `The stream's sample rate: ${STREAM_RATES.join(', ')}; null plays any rate's channels (at 48000 Hz, resampled)`,
    }),
  )
    .Decode((v): number | null => (v === null ? null : Number(v)))
    .Encode((v) => v as never),
);

const name = Matching(CLASS_NAME, 'must start with a letter and hold only letters, digits, _ and - (at most 64)', {
  description: "The class's name: what hold_music names (local_stream://<domain>/<name>)",
});

/** A file of the class (as listed by /music_on_hold/<uuid>/files), or several separated by commas. */
export const CHIME_LIST = '^$|^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\\.(wav|mp3)(,[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\\.(wav|mp3)){0,99}$';

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant (default its own)' })),
  musicOnHoldRate: Rate,
  musicOnHoldShuffle: Type.Optional(Flag({ description: 'Play the files in a random order' })),
  musicOnHoldChannels: Whole(1, 2, 'Channels of the stream: 1 or 2'),
  musicOnHoldInterval: Whole(10, 120, 'Milliseconds per frame: 10 to 120, a multiple of 10'),
  musicOnHoldTimerName: Blank(Matching('^$|^(soft|timerfd|posix)$', "must be soft, timerfd or posix ('' for soft)", { description: 'The timer the stream runs on (soft)' })),
  musicOnHoldChimeList: Blank(
    Matching(CHIME_LIST, 'must be file names of the class (.wav or .mp3), separated by commas', {
      description: "Files of the class played over the music every chime_freq seconds ('' for none)",
    }),
  ),
  musicOnHoldChimeFreq: Whole(0, 86400, 'Seconds between chimes (0: mod_local_stream’s 30)'),
  musicOnHoldChimeMax: Whole(0, 86400, 'Seconds a chime may play at most (0: to its end)'),
  musicOnHoldPath: Blank(Text(1024, { description: "Read-only in effect: the class's directory, accepted only as it is" })),
};

/** What the edit form sends back because it read it. */
const echoed = {
  musicOnHoldUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  musicOnHoldStream: ReadOnly(),
  musicOnHoldFiles: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const MusicOnHoldCreate = Input({ musicOnHoldName: name, ...writable, ...echoed });
export const MusicOnHoldUpdate = Input({ musicOnHoldName: Type.Optional(name), ...writable, ...echoed });

export const MusicOnHoldFilter = Input({
  tenantId: Type.Optional(Id()),
  musicOnHoldName: Type.Optional(Text(64)),
});

export type MusicOnHoldCreateInput = StaticDecode<typeof MusicOnHoldCreate>;
export type MusicOnHoldUpdateInput = StaticDecode<typeof MusicOnHoldUpdate>;

/** A class as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const MusicOnHoldView = Type.Object({
  musicOnHoldUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  musicOnHoldName: Type.String(),
  musicOnHoldPath: Type.String({ description: "The class's directory under MEDIA_DIR (FreeSWITCH reads the same path)" }),
  musicOnHoldRate: Nullable(Type.Integer({ description: 'null: any rate' })),
  musicOnHoldShuffle: Type.Boolean(),
  musicOnHoldChannels: Type.Integer(),
  musicOnHoldInterval: Type.Integer(),
  musicOnHoldTimerName: Type.String(),
  musicOnHoldChimeList: Type.String(),
  musicOnHoldChimeFreq: Type.Integer(),
  musicOnHoldChimeMax: Type.Integer(),
  musicOnHoldStream: Type.String({ description: "The stream's name in local_stream.conf" }),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type MusicOnHoldView = Static<typeof MusicOnHoldView>;

/** A file of a class, as uploaded or listed. */
export const MusicOnHoldFileView = Type.Object({
  musicOnHoldFileName: Type.String({ description: 'Its name in the class’s directory (what chime_list names)' }),
  musicOnHoldFileFormat: Type.String({ description: 'wav or mp3' }),
});

export type MusicOnHoldFileView = Static<typeof MusicOnHoldFileView>;

/** What an upload tells of the file it stored (read from its bytes). */
export const MusicOnHoldUploadView = Type.Object({
  ...MusicOnHoldFileView.properties,
  musicOnHoldFileSize: Type.Integer({ description: 'bytes' }),
  musicOnHoldFileSampleRate: Type.Integer(),
  musicOnHoldFileChannels: Type.Integer(),
  musicOnHoldFileResampled: Type.Boolean({ description: 'Whether the stream plays it at another rate than its own (mod_local_stream resamples it)' }),
});

export type MusicOnHoldUploadView = Static<typeof MusicOnHoldUploadView>;
