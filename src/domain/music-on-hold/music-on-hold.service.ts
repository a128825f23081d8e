// Music on hold: a tenant's classes (a name at a rate, or at any rate), each a stream of
// mod_local_stream playing the audio files uploaded to it. Files are read from their bytes (PCM
// WAV or MP3, domain/media/audio-format.ts), named from the uploaded name made safe and the format
// found, and kept by the media store in the class's directory; a stream plays every file at its
// own rate (mod_local_stream resamples the others), so any rate is accepted and the answer says
// whether it will be resampled. Every change says which streams FreeSWITCH must start, stop or
// reload (the ESL flusher sends it); what hold_music names is checked by holdMusicChecker.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus, StreamChanges } from '../../infra/change-bus.ts';
import type { MediaStore } from '../../infra/media-store.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { audioExtension, checkAudio } from '../media/audio-format.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { MusicOnHoldFields, MusicOnHoldRecord, MusicOnHoldRepository } from './music-on-hold.repository.ts';
import type { HoldMusicPlayers } from './players.ts';
import {
  MusicOnHoldCreate,
  MusicOnHoldFilter,
  MusicOnHoldUpdate,
  type MusicOnHoldCreateInput,
  type MusicOnHoldFileView,
  type MusicOnHoldUpdateInput,
  type MusicOnHoldUploadView,
  type MusicOnHoldView,
} from './music-on-hold.schema.ts';
import { ANY_RATE_PLAYED_AT, classDirectory, holdMusicName, holdMusicSource, isStockStream, nameDirectory, streamName, type StreamOf } from './streams.ts';

/** A class with where its files are. */
export interface MusicOnHold extends MusicOnHoldRecord {
  path: string;
}

export interface UploadedAudio {
  fileName: string;
  bytes: Uint8Array;
}

const SORTABLE = { music_on_hold_name: 'name', music_on_hold_rate: 'rate', music_on_hold_uuid: 'id', date_created: 'createdAt' };

const streamOf = (r: MusicOnHoldRecord): StreamOf => ({ name: r.name, rate: r.rate || null, tenant: r.tenant });

export function musicOnHoldView(m: MusicOnHold): MusicOnHoldView {
  return {
    musicOnHoldUuid: m.id,
    tenantId: m.tenantId,
    tenantName: m.tenant.name,
    domainUuid: m.tenant.domainUuid,
    domainName: m.tenant.domain,
    musicOnHoldName: m.name,
    musicOnHoldPath: m.path,
    musicOnHoldRate: m.rate || null,
    musicOnHoldShuffle: m.shuffle,
    musicOnHoldChannels: m.channels,
    musicOnHoldInterval: m.interval,
    musicOnHoldTimerName: m.timerName,
    musicOnHoldChimeList: m.chimeList,
    musicOnHoldChimeFreq: m.chimeFreq,
    musicOnHoldChimeMax: m.chimeMax,
    musicOnHoldStream: streamName(streamOf(m)),
    dateCreated: unixSeconds(m.createdAt),
    lastUpdated: unixSeconds(m.updatedAt),
  };
}

/** An uploaded file's name made safe: its base name's letters, digits, _ and - (others become _), with the extension of the format found. */
export function storedFileName(uploaded: string, extension: string): string {
  const base = (uploaded.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
  const safe = base.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]+|_+$/g, '').slice(0, 100);
  return `${safe || 'music'}.${extension}`;
}

const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\.(wav|mp3)$/;

/** The fields an input writes. */
function fieldsOf(input: MusicOnHoldCreateInput | MusicOnHoldUpdateInput): MusicOnHoldFields {
  const fields: MusicOnHoldFields = {
    name: input.musicOnHoldName,
    rate: input.musicOnHoldRate === undefined ? undefined : (input.musicOnHoldRate ?? 0),
    shuffle: input.musicOnHoldShuffle,
    channels: input.musicOnHoldChannels,
    interval: input.musicOnHoldInterval,
    timerName: input.musicOnHoldTimerName === undefined ? undefined : input.musicOnHoldTimerName || 'soft',
    chimeList: input.musicOnHoldChimeList,
    chimeFreq: input.musicOnHoldChimeFreq,
    chimeMax: input.musicOnHoldChimeMax,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** What mod_local_stream reads of a stream (a change of any needs the stream reloaded). */
const played = (r: MusicOnHoldRecord) => [r.shuffle, r.channels, r.interval, r.timerName, r.chimeList, r.chimeFreq, r.chimeMax].join('|');

const noStreams = (): StreamChanges => ({ started: [], stopped: [], reloaded: [] });

export function createMusicOnHoldService(deps: {
  musicOnHold: MusicOnHoldRepository;
  tenants: TenantsRepository;
  media: MediaStore;
  changes: ChangeBus;
  activity: ActivityLog;
  /** What plays each class name (the modules with a hold music register there). */
  players: HoldMusicPlayers;
}) {
  const { musicOnHold, media, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  const located = (r: MusicOnHoldRecord): MusicOnHold => ({ ...r, path: media.pathOf(...classDirectory(streamOf(r))) });

  async function visible(id: string, ctx: Ctx, permission: string): Promise<MusicOnHoldRecord> {
    authorize(ctx, permission);
    const found = await musicOnHold.findById(id);
    if (!found || !reachesTenant(ctx.actor, found.tenantId)) throw notFound('Music on hold');
    return found;
  }

  async function files(r: MusicOnHoldRecord): Promise<string[]> {
    return (await media.list(classDirectory(streamOf(r)))).filter((name) => FILE_NAME.test(name)).sort();
  }

  function checkName(name: string): void {
    if (isStockStream(name)) throw validationFailed('musicOnHoldName', `is a stock stream of FreeSWITCH (local_stream://${name.toLowerCase()}): choose another name`);
  }

  /** Checks what the schema cannot: the stream's values mod_local_stream would refuse, the path, the chimes. */
  async function checkState(state: MusicOnHoldRecord, givenPath: string | undefined, pathBefore: string | null, existing: string[]): Promise<void> {
    if (state.interval % 10 !== 0) throw validationFailed('musicOnHoldInterval', 'must be a multiple of 10 (mod_local_stream uses 20 otherwise)');
    const path = media.pathOf(...classDirectory(streamOf(state)));
    if (givenPath && givenPath !== path && givenPath !== pathBefore) {
      throw validationFailed('musicOnHoldPath', `is where Switchyard keeps the class's files (${pathBefore ?? path}): upload files to /music_on_hold/<uuid>/files instead`);
    }
    for (const chime of state.chimeList ? state.chimeList.split(',') : []) {
      if (!existing.includes(chime)) throw validationFailed('musicOnHoldChimeList', `names ${chime}, which is no file of the class (upload it first)`);
    }
  }

  async function checkUnique(tenantId: number, name: string, rate: number, except?: string): Promise<void> {
    const taken = await musicOnHold.findByName(tenantId, name, rate);
    if (taken && taken.id !== except) throw conflict(`Music on hold ${name} at ${rate || 'any'} rate already exists`);
  }

  /** Nothing (an extension, a queue, a room: players.ts) may play a class name that goes away (its last rate deleted or renamed). */
  async function checkUnplayed(r: MusicOnHoldRecord, doing: string): Promise<void> {
    if ((await musicOnHold.countNamed(r.tenantId, r.name)) > 1) return;
    const playing = await deps.players.playing(r.tenantId, r.name);
    if (playing.length) {
      throw conflict(`Music on hold ${r.name} cannot be ${doing}: it is the hold music of ${playing.map((p) => `${p.type} ${p.numbers.join(', ')}`).join('; ')}`);
    }
  }

  async function announce(r: MusicOnHoldRecord, ctx: AuthedCtx, action: string, what: string, streams: StreamChanges): Promise<void> {
    await changes.publish({ entity: 'music_on_hold', tenantId: r.tenantId, id: r.id, domain: r.tenant.domain, streams });
    await activity.record(ctx, action, `${what} music on hold ${r.name}/${r.rate || 'any'}@${r.tenant.domain} -ID:${r.id}`, { tenantId: r.tenantId });
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<MusicOnHold>> {
      authorize(ctx, 'music_on_hold_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'music_on_hold_name');
      const filter = parse(MusicOnHoldFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await musicOnHold.list({ tenantIds: tenants?.tenantIds as number[] | undefined, name: filter.musicOnHoldName }, p);
      return page(items.map(located), total, p);
    },

    get: async (id: string, ctx: Ctx) => located(await visible(id, ctx, 'music_on_hold_read')),

    async create(raw: unknown, ctx: Ctx): Promise<MusicOnHold> {
      authorize(ctx, 'music_on_hold_create');
      const input = parse(MusicOnHoldCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const tenant = (await deps.tenants.findById(tenantId))!;
      const fields = fieldsOf(input);
      checkName(input.musicOnHoldName);
      const rate = fields.rate ?? 8000;
      const state = {
        id: '',
        tenantId,
        name: input.musicOnHoldName,
        rate,
        shuffle: true,
        channels: 1,
        interval: 20,
        timerName: 'soft',
        chimeList: '',
        chimeFreq: 0,
        chimeMax: 0,
        createdAt: new Date(),
        updatedAt: new Date(),
        ...fields,
        tenant: { name: tenant.name, domain: tenant.domain, domainUuid: tenant.domainUuid },
      };
      await checkState(state, input.musicOnHoldPath, null, []);
      await checkUnique(tenantId, state.name, rate);
      const created = await musicOnHold.create({ ...fields, tenantId, name: state.name, rate });
      // The stream plays its directory from the start (mod_local_stream ends a stream whose directory is missing).
      await media.makeDir(classDirectory(streamOf(created)));
      await announce(created, ctx, 'music_on_hold_created', 'Create', { ...noStreams(), started: [streamName(streamOf(created))] });
      return located(created);
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<MusicOnHold> {
      const before = await visible(id, ctx, 'music_on_hold_update');
      const input = parse(MusicOnHoldUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed: create the class in the other tenant');
      const fields = fieldsOf(input);
      const state = { ...before, ...fields };
      if (fields.name !== undefined) checkName(fields.name);
      const moved = state.name !== before.name || state.rate !== before.rate;
      await checkState(state, input.musicOnHoldPath, located(before).path, await files(before));
      if (moved) {
        await checkUnique(before.tenantId, state.name, state.rate, id);
        if (state.name !== before.name) await checkUnplayed(before, 'renamed');
      }
      const updated = await musicOnHold.update(id, fields);
      const streams = noStreams();
      if (moved) {
        await media.move(classDirectory(streamOf(before)), classDirectory(streamOf(updated)));
        await media.makeDir(classDirectory(streamOf(updated)));
        if (state.name !== before.name && (await media.list(nameDirectory(before))).length === 0) await media.remove(nameDirectory(before));
        streams.stopped.push(streamName(streamOf(before)));
        streams.started.push(streamName(streamOf(updated)));
      } else if (played(before) !== played(updated)) {
        streams.reloaded.push(streamName(streamOf(updated)));
      }
      await announce(updated, ctx as AuthedCtx, 'music_on_hold_updated', 'Update', streams);
      return located(updated);
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const found = await visible(id, ctx, 'music_on_hold_delete');
      await checkUnplayed(found, 'deleted');
      await musicOnHold.delete(id);
      await media.remove(classDirectory(streamOf(found)));
      if ((await media.list(nameDirectory(found))).length === 0) await media.remove(nameDirectory(found));
      await announce(found, ctx as AuthedCtx, 'music_on_hold_deleted', 'Delete', { ...noStreams(), stopped: [streamName(streamOf(found))] });
    },

    async files(id: string, ctx: Ctx): Promise<MusicOnHoldFileView[]> {
      const found = await visible(id, ctx, 'music_on_hold_read');
      return (await files(found)).map((name) => ({ musicOnHoldFileName: name, musicOnHoldFileFormat: name.slice(name.lastIndexOf('.') + 1) }));
    },

    /** Stores an audio file in the class (one of the same name is replaced). */
    async upload(id: string, file: UploadedAudio | null, ctx: Ctx): Promise<MusicOnHoldUploadView> {
      const found = await visible(id, ctx, 'music_on_hold_update');
      if (!file) throw validationFailed('file', 'is required: the audio file, as multipart/form-data');
      const info = checkAudio(file.bytes, 'file');
      const name = storedFileName(file.fileName, audioExtension(info));
      await media.write([...classDirectory(streamOf(found)), name], file.bytes);
      // Starts the stream where it is not running (a node that loaded it before its directory existed); a running one answers +OK.
      await announce(found, ctx as AuthedCtx, 'music_on_hold_file_uploaded', `Upload ${name} to`, { ...noStreams(), started: [streamName(streamOf(found))] });
      const playedAt = found.rate || ANY_RATE_PLAYED_AT;
      return {
        musicOnHoldFileName: name,
        musicOnHoldFileFormat: info.format,
        musicOnHoldFileSize: file.bytes.length,
        musicOnHoldFileSampleRate: info.sampleRate,
        musicOnHoldFileChannels: info.channels,
        musicOnHoldFileResampled: info.sampleRate !== playedAt,
      };
    },

    async removeFile(id: string, fileName: string, ctx: Ctx): Promise<void> {
      const found = await visible(id, ctx, 'music_on_hold_update');
      if (!FILE_NAME.test(fileName) || !(await files(found)).includes(fileName)) throw notFound('Music on hold file');
      if (found.chimeList.split(',').includes(fileName)) throw conflict(`${fileName} is a chime of the class: take it out of music_on_hold_chime_list first`);
      await media.remove([...classDirectory(streamOf(found)), fileName]);
      // The stream reads its directory again at each pass: nothing to tell FreeSWITCH.
      await activity.record(ctx as AuthedCtx, 'music_on_hold_file_deleted', `Delete ${fileName} of music on hold ${found.name}@${found.tenant.domain} -ID:${found.id}`, {
        tenantId: found.tenantId,
      });
    },
  };
}

export type MusicOnHoldService = ReturnType<typeof createMusicOnHoldService>;

/**
 * Checks what a `hold_music` field names, for the modules that have one (extensions, call queues,
 * conference rooms): '' (none), a stock stream (default, moh) or a class of the tenant, written
 * as its name or as local_stream://[<domain>/]<name>. Answers the name to store (streams.ts
 * holdMusicSource renders it), or throws a 400 naming `field`. Given `stored` (what the object
 * has now), that value given back as stored or as rendered is kept as it is: a form PUTs back
 * what it read, a value stored before classes were checked included.
 */
export function holdMusicChecker(repo: Pick<MusicOnHoldRepository, 'countNamed'>, tenants: Pick<TenantsRepository, 'findById'>) {
  return async function checkHoldMusic(tenantId: number, given: string, field = 'holdMusic', stored?: string): Promise<string> {
    const domain = (await tenants.findById(tenantId))?.domain ?? '';
    if (stored !== undefined && (given === stored || given === holdMusicSource(stored, domain))) return stored;
    const name = holdMusicName(given, domain);
    if (name === '') return '';
    if (name !== null && isStockStream(name)) return name.toLowerCase();
    if (name === null || (await repo.countNamed(tenantId, name)) === 0) {
      throw validationFailed(field, 'must name a music-on-hold class of the tenant (/music_on_hold) or a stock stream (default, moh)');
    }
    return name;
  };
}

export type HoldMusicChecker = ReturnType<typeof holdMusicChecker>;
