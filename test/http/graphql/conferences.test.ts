// Conference rooms through GraphQL: the same service as REST, so the same rules (validation naming
// the input field, 409 on a taken number, PIN rules, tenants never seeing each other's rooms, end
// users holding no conference permission, the hold music a music-on-hold class of the tenant that
// cannot go while the room plays it), and the live room named by its uuid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const FIELDS =
  'conferenceCenterUuid tenantId tenantName conferenceCenterName conferenceCenterExtension conferenceCenterPinLength conferenceCenterPin conferenceCenterModeratorPin conferenceCenterMaxMembers conferenceCenterRecord conferenceCenterWaitMod conferenceCenterProfile conferenceCenterHoldMusic conferenceCenterEnabled conferenceName';
const CREATE = `mutation($input: ConferenceCreateInput!) { createConference(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: ConferenceUpdateInput!) { updateConference(id: $id, input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!) { conference(id: $id) { conferenceCenterName } }`;

describe.each(databaseKinds)('GraphQL conference rooms on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1001', password: 'Acme-pass-x1' } });
    expect(res.statusCode, res.body).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('a tenant admin creates, reads, lists and updates a room of its tenant', async () => {
    const input = { conferenceCenterName: 'Board', conferenceCenterExtension: '3000', conferenceCenterPin: '1234', conferenceCenterModeratorPin: '4321', conferenceCenterWaitMod: true };
    const created = dataOf(await t.gql(CREATE, { input }, cast.adminA.token)).createConference;
    id = created.conferenceCenterUuid;
    expect(created).toMatchObject({
      tenantId: cast.tenantA,
      tenantName: 'Acme',
      conferenceCenterPinLength: 4,
      conferenceCenterPin: '1234',
      conferenceCenterModeratorPin: '4321',
      conferenceCenterMaxMembers: 0,
      conferenceCenterRecord: false,
      conferenceCenterWaitMod: true,
      conferenceCenterProfile: 'default',
      conferenceCenterHoldMusic: '',
      conferenceCenterEnabled: true,
      conferenceName: '3000-acme.test',
    });
    expect(dataOf(await t.gql(READ, { id }, cast.adminA.token)).conference.conferenceCenterName).toBe('Board');
    const list = dataOf(await t.gql(`{ conferences(sort: extension) { total items { conferenceCenterExtension } } }`, {}, cast.adminA.token));
    expect(list.conferences).toEqual({ total: 1, items: [{ conferenceCenterExtension: '3000' }] });
    const updated = dataOf(await t.gql(UPDATE, { id, input: { conferenceCenterMaxMembers: 25, conferenceCenterRecord: true, conferenceCenterHoldMusic: 'local_stream://moh' } }, cast.adminA.token)).updateConference;
    expect(updated).toMatchObject({ conferenceCenterMaxMembers: 25, conferenceCenterRecord: true, conferenceCenterHoldMusic: 'local_stream://moh', conferenceCenterPin: '1234' });
  });

  it('refuses bad input naming the field, and a taken number with 409, writing nothing', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ conferenceCenterPin: '12' }, /conferenceCenterPin/],
      [{ conferenceCenterModeratorPin: '1234' }, /conferenceCenterModeratorPin/],
      [{ conferenceCenterMaxMembers: 1 }, /conferenceCenterMaxMembers/],
      [{ conferenceCenterGreeting: 'file_string://a.wav!b.wav' }, /conferenceCenterGreeting/],
      [{ conferenceCenterHoldMusic: 'shout://example.test/x.mp3' }, /conferenceCenterHoldMusic/],
    ];
    for (const [input, field] of cases) {
      const bad = await t.gql(UPDATE, { id, input }, cast.adminA.token);
      expect(codeOf(bad), JSON.stringify(input)).toBe(400);
      expect(firstError(bad).message).toMatch(field);
    }
    // Clearing the PINs of a room that waits for its moderator: no one could start it.
    const orphan = await t.gql(UPDATE, { id, input: { conferenceCenterModeratorPin: '', conferenceCenterPin: '' } }, cast.adminA.token);
    expect(codeOf(orphan)).toBe(400);
    expect(firstError(orphan).message).toMatch(/conferenceCenterWaitMod/);
    expect(codeOf(await t.gql(CREATE, { input: { conferenceCenterName: 'X', conferenceCenterExtension: '1001' } }, cast.adminA.token))).toBe(409);
    expect(codeOf(await t.gql(CREATE, { input: { conferenceCenterName: 'X', conferenceCenterExtension: '3000' } }, cast.adminA.token))).toBe(409);
    expect(dataOf(await t.gql('{ conferences { total items { conferenceCenterPin conferenceCenterMaxMembers } } }', {}, cast.adminA.token)).conferences).toEqual({
      total: 1,
      items: [{ conferenceCenterPin: '1234', conferenceCenterMaxMembers: 25 }],
    });
  });

  it("conferenceCenterHoldMusic names a music-on-hold class of the tenant or a stock stream (another tenant's or an unknown one is refused); a class it plays cannot be deleted", async () => {
    const createClass = async (token: string, name: string) =>
      dataOf(await t.gql('mutation($input: MusicOnHoldCreateInput!) { createMusicOnHold(input: $input) { musicOnHoldUuid } }', { input: { musicOnHoldName: name } }, token)).createMusicOnHold.musicOnHoldUuid;
    const lounge = await createClass(cast.adminA.token, 'lounge');
    await createClass(cast.adminB.token, 'globex_only');
    for (const [given, read] of [
      ['default', 'local_stream://default'],
      ['local_stream://moh', 'local_stream://moh'],
      ['local_stream://acme.test/lounge', 'local_stream://acme.test/lounge'],
    ]) {
      expect(dataOf(await t.gql(UPDATE, { id, input: { conferenceCenterHoldMusic: given } }, cast.adminA.token)).updateConference.conferenceCenterHoldMusic, given).toBe(read);
    }
    for (const given of ['globex_only', 'local_stream://globex.test/globex_only', 'blues']) {
      for (const res of [
        await t.gql(UPDATE, { id, input: { conferenceCenterHoldMusic: given } }, cast.adminA.token),
        await t.gql(CREATE, { input: { conferenceCenterName: 'X', conferenceCenterExtension: '3009', conferenceCenterHoldMusic: given } }, cast.adminA.token),
      ]) {
        expect(codeOf(res), given).toBe(400);
        expect(firstError(res).message).toContain('conferenceCenterHoldMusic');
      }
    }
    expect(dataOf(await t.gql('{ conferences { total items { conferenceCenterHoldMusic } } }', {}, cast.adminA.token)).conferences).toEqual({
      total: 1,
      items: [{ conferenceCenterHoldMusic: 'local_stream://acme.test/lounge' }],
    });
    const refused = await t.gql('mutation($id: ID!) { deleteMusicOnHold(id: $id) }', { id: lounge }, cast.adminA.token);
    expect(codeOf(refused)).toBe(409);
    expect(firstError(refused).message).toBe('Music on hold lounge cannot be deleted: it is the hold music of conference 3000');
  });

  it('another tenant neither sees nor touches the room, nor its live members; an end user may not; the super-admin names the tenant', async () => {
    expect(dataOf(await t.gql('{ conferences { total } }', {}, cast.adminB.token)).conferences.total).toBe(0);
    expect(codeOf(await t.gql(READ, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(UPDATE, { id, input: { conferenceCenterName: 'Mine' } }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { deleteConference(id: $id) }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`query($id: String) { conferenceRoom(conferenceUuid: $id) { conferenceName } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('{ conferences { total } }', {}, cast.userA.token))).toBe(403);
    expect(codeOf(await t.gql(CREATE, { input: { conferenceCenterName: 'U', conferenceCenterExtension: '3005' } }, cast.userA.token))).toBe(403);
    // The same number is free in another tenant.
    const other = dataOf(await t.gql(CREATE, { input: { tenantId: cast.tenantB, conferenceCenterName: 'B', conferenceCenterExtension: '3000' } }, cast.admin)).createConference;
    expect(other).toMatchObject({ tenantId: cast.tenantB, conferenceName: '3000-globex.test' });
    expect(dataOf(await t.gql(`query($t: Int) { conferences(tenantId: $t) { total } }`, { t: cast.tenantB }, cast.admin)).conferences.total).toBe(1);
  });

  it('deletes the room', async () => {
    expect(dataOf(await t.gql(`mutation($id: ID!) { deleteConference(id: $id) }`, { id }, cast.adminA.token)).deleteConference).toBe(true);
    expect(codeOf(await t.gql(READ, { id }, cast.adminA.token))).toBe(404);
  });
});
