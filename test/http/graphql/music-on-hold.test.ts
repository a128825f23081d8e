// Music on hold through GraphQL: the same service as REST, in camelCase; a rate given as null is a
// class of any rate; tenant admins manage their own tenant's classes only (another tenant's is not
// found), refused input names the field and writes nothing, end users hold no music-on-hold
// permission; files uploaded through REST are listed and deleted here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { mp3File } from '../../helpers/audio.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';
import { multipartBody } from '../../helpers/multipart.ts';

const FIELDS =
  'musicOnHoldUuid tenantId tenantName domainUuid domainName musicOnHoldName musicOnHoldPath musicOnHoldRate musicOnHoldShuffle musicOnHoldChannels musicOnHoldInterval musicOnHoldTimerName musicOnHoldChimeList musicOnHoldChimeFreq musicOnHoldChimeMax musicOnHoldStream dateCreated lastUpdated';

describe.each(databaseKinds)('GraphQL music on hold on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
  }, 120_000);
  afterAll(() => t?.close());

  const count = async (token: string) => dataOf(await t.gql('{ musicOnHolds { total } }', {}, token)).musicOnHolds.total;

  it('a tenant admin creates a class of any rate in its own tenant and reads it back', async () => {
    const created = dataOf(
      await t.gql(`mutation($input: MusicOnHoldCreateInput!) { createMusicOnHold(input: $input) { ${FIELDS} } }`, { input: { musicOnHoldName: 'jazz', musicOnHoldRate: null, musicOnHoldShuffle: false } }, cast.adminA.token),
    ).createMusicOnHold;
    expect(created).toMatchObject({
      tenantId: cast.tenantA,
      tenantName: 'Acme',
      domainName: 'acme.test',
      musicOnHoldName: 'jazz',
      musicOnHoldRate: null,
      musicOnHoldShuffle: false,
      musicOnHoldChannels: 1,
      musicOnHoldInterval: 20,
      musicOnHoldTimerName: 'soft',
      musicOnHoldStream: 'acme.test/jazz',
    });
    id = created.musicOnHoldUuid;
    const page = dataOf(await t.gql('{ musicOnHolds(sort: name) { total items { musicOnHoldUuid } } }', {}, cast.adminA.token)).musicOnHolds;
    expect(page).toEqual({ total: 1, items: [{ musicOnHoldUuid: id }] });
    expect(dataOf(await t.gql('query($id: ID!) { musicOnHold(id: $id) { musicOnHoldName } }', { id }, cast.adminA.token)).musicOnHold.musicOnHoldName).toBe('jazz');
  });

  it('updates it: a rate, then other params; omitting the rate keeps it', async () => {
    const rated = dataOf(await t.gql('mutation($id: ID!) { updateMusicOnHold(id: $id, input: { musicOnHoldRate: 16000 }) { musicOnHoldRate musicOnHoldStream } }', { id }, cast.adminA.token))
      .updateMusicOnHold;
    expect(rated).toEqual({ musicOnHoldRate: 16000, musicOnHoldStream: 'acme.test/jazz/16000' });
    const edited = dataOf(
      await t.gql('mutation($id: ID!) { updateMusicOnHold(id: $id, input: { musicOnHoldChannels: 2, musicOnHoldInterval: 30 }) { musicOnHoldRate musicOnHoldChannels musicOnHoldInterval } }', { id }, cast.adminA.token),
    ).updateMusicOnHold;
    expect(edited).toEqual({ musicOnHoldRate: 16000, musicOnHoldChannels: 2, musicOnHoldInterval: 30 });
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ musicOnHoldName: 'x', musicOnHoldRate: 44100 }, 'input.musicOnHoldRate'],
      [{ musicOnHoldName: 'a b' }, 'input.musicOnHoldName'],
      [{ musicOnHoldName: 'default' }, 'input.musicOnHoldName'],
      [{ musicOnHoldName: 'x', musicOnHoldInterval: 15 }, 'input.musicOnHoldInterval'],
      [{ musicOnHoldName: 'x', musicOnHoldChimeList: '${system(id)}.wav' }, 'input.musicOnHoldChimeList'],
      [{ musicOnHoldName: 'x', tenantId: cast.tenantB }, ''],
    ];
    for (const [input, field] of cases) {
      const res = await t.gql('mutation($input: MusicOnHoldCreateInput!) { createMusicOnHold(input: $input) { musicOnHoldUuid } }', { input }, cast.adminA.token);
      expect([400, 403], JSON.stringify(input)).toContain(codeOf(res));
      expect(firstError(res).message).toContain(field);
    }
    expect(await count(cast.adminA.token)).toBe(1);
  });

  it('lists the files uploaded through REST and deletes one', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(mp3File())], { type: 'audio/mpeg' }), 'Song.mp3');
    const body = await multipartBody(form);
    const up = await t.app.inject({ method: 'POST', url: `/api/music_on_hold/${id}/files`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${cast.adminA.token}` } });
    expect(up.statusCode, up.body).toBe(200);
    const listed = dataOf(await t.gql('query($id: ID!) { musicOnHoldFiles(id: $id) { musicOnHoldFileName musicOnHoldFileFormat } }', { id }, cast.adminA.token)).musicOnHoldFiles;
    expect(listed).toEqual([{ musicOnHoldFileName: 'Song.mp3', musicOnHoldFileFormat: 'mp3' }]);
    expect(codeOf(await t.gql('query($id: ID!) { musicOnHoldFiles(id: $id) { musicOnHoldFileName } }', { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('mutation($id: ID!) { deleteMusicOnHoldFile(id: $id, fileName: "Song.mp3") }', { id }, cast.adminB.token))).toBe(404);
    expect(dataOf(await t.gql('mutation($id: ID!) { deleteMusicOnHoldFile(id: $id, fileName: "Song.mp3") }', { id }, cast.adminA.token)).deleteMusicOnHoldFile).toBe(true);
    expect(dataOf(await t.gql('query($id: ID!) { musicOnHoldFiles(id: $id) { musicOnHoldFileName } }', { id }, cast.adminA.token)).musicOnHoldFiles).toEqual([]);
  });

  it("another tenant's admin does not find it, and an end user may not list classes", async () => {
    expect(await count(cast.adminB.token)).toBe(0);
    expect(codeOf(await t.gql('query($id: ID!) { musicOnHold(id: $id) { musicOnHoldName } }', { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('mutation($id: ID!) { updateMusicOnHold(id: $id, input: { musicOnHoldName: "mine" }) { musicOnHoldName } }', { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('mutation($id: ID!) { deleteMusicOnHold(id: $id) }', { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('{ musicOnHolds { total } }', {}, cast.userA.token))).toBe(403);
  });

  it('the super-admin sees every tenant, or one, and deletes', async () => {
    expect(dataOf(await t.gql(`{ musicOnHolds(tenantId: ${cast.tenantA}) { total } }`, {}, cast.admin)).musicOnHolds.total).toBe(1);
    expect(dataOf(await t.gql(`{ musicOnHolds(tenantId: ${cast.tenantB}) { total } }`, {}, cast.admin)).musicOnHolds.total).toBe(0);
    expect(dataOf(await t.gql('mutation($id: ID!) { deleteMusicOnHold(id: $id) }', { id }, cast.admin)).deleteMusicOnHold).toBe(true);
    expect(await count(cast.adminA.token)).toBe(0);
  });
});
