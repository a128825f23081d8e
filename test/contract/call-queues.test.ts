// The ICTPBX client's call queue screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/call_queues/: call_queues.service.ts makes the calls, call_queues.ts is the model
// (CallQueue with its `agents`, CallQueueAgent), call_queues-form-component.ts/.html builds the
// body, call_queues-component.ts/.html and call_queues-datasource.component.ts read the list).
// Calls: GET /call_queues (?tenant_id= from the super-admin's tenant picker), GET
// /call_queues/:call_center_queue_uuid, POST /call_queues with JSON.stringify(new CallQueue()
// + edits) (its defaults included, agent_count too; undefined fields left out), PUT
// /call_queues/:uuid with the loaded object, DELETE /call_queues/:uuid (reading
// body.error.message when refused). The form also asks extension-check.service.ts (check,
// next_available). Fields read: the list's queue_name, queue_extension, queue_strategy,
// agent_count, queue_enabled (=== true || === 'true'), tenant_name, call_center_queue_uuid; the
// form's every queue_* field, queue_timeout_action (startsWith 'hangup' / 'transfer:'), agents[]
// with agent_contact matched by /user\/([^@]+)@/ and each agent_* field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient, guiClient } from './gui-client.ts';

/** new CallQueue(): the model's defaults as JSON.stringify sends them (undefined fields left out). */
const newQueue = (edits: Record<string, unknown>) => ({
  queue_strategy: 'ring-all',
  queue_time_base_score: 'queue',
  queue_time_base_score_sec: 0,
  queue_max_wait_time: 0,
  queue_max_wait_time_with_no_agent: 90,
  queue_max_wait_time_with_no_agent_time_reached: 30,
  queue_tier_rules_apply: false,
  queue_tier_rule_wait_second: 300,
  queue_tier_rule_wait_multiply_level: true,
  queue_tier_rule_no_agent_no_wait: false,
  queue_discard_abandoned_after: 900,
  queue_abandoned_resume_allowed: false,
  queue_announce_frequency: 0,
  queue_announce_position_frequency: 0,
  queue_announce_round_seconds: 0,
  queue_announce_holdtime: 'true',
  queue_terminate_on_cancel: false,
  queue_agents_can_reject: true,
  queue_ring_progressively_delay: 10,
  queue_enabled: true,
  agents: [],
  agent_count: 0,
  ...edits,
});

/** addAgent() then onAgentExtChange(): the contact on the web host (window.location.hostname). */
const newAgent = (extension: string, edits: Record<string, unknown> = {}) => ({
  agent_name: '',
  agent_type: 'callback',
  agent_call_timeout: 20,
  agent_contact: `user/${extension}@pbx.example.com`,
  agent_status: 'Available',
  agent_max_no_answer: 3,
  agent_wrap_up_time: 10,
  agent_reject_delay_time: 30,
  agent_busy_delay_time: 60,
  agent_no_answer_delay_time: 10,
  ...edits,
});

/** call_queues-form-component.ts parseAgentExt. */
const agentExt = (contact: string) => contact.match(/user\/([^@]+)@/)?.[1] ?? '';

describe.each(databaseKinds)('ICTPBX client: call queues on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    for (const extension of ['1001', '1002', '1003']) answer(await tenantAdmin.post('/fpbx_extensions', { extension, password: 'Acme-pass-x1' }));
    answer(await otherAdmin.post('/fpbx_extensions', { extension: '2001', password: 'Globex-pass-x1' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('call_queues-form-component.ts: POST /call_queues with the form body answers the queue with its call_center_queue_uuid and agents', async () => {
    const body = newQueue({
      queue_name: 'Support',
      queue_extension: '7100',
      queue_strategy: 'longest-idle-agent',
      queue_moh_sound: 'local_stream://moh',
      queue_max_wait_time: 300,
      queue_cid_prefix: 'Support',
      queue_timeout_action: 'transfer:1003',
      queue_description: 'First line',
      agents: [newAgent('1001'), newAgent('1002', { agent_status: 'On Break', agent_call_timeout: 30 })],
    });
    const created = answer(await tenantAdmin.post('/call_queues', body));
    expect(created.call_center_queue_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.call_center_queue_uuid;
    expect(created).toMatchObject({
      queue_name: 'Support',
      queue_extension: '7100',
      queue_strategy: 'longest-idle-agent',
      queue_moh_sound: 'local_stream://moh',
      queue_max_wait_time: 300,
      queue_max_wait_time_with_no_agent: 90,
      queue_tier_rules_apply: false,
      queue_announce_holdtime: 'true',
      queue_agents_can_reject: true,
      queue_enabled: true,
      queue_timeout_action: 'transfer:1003',
      queue_timeout_type: 'extension',
      queue_freeswitch_name: '7100@acme.test',
      agent_count: 2,
      tenant_name: 'Acme',
    });
    expect(created.agents.map((a: { agent_contact: string }) => agentExt(a.agent_contact))).toEqual(['1001', '1002']);
    // The contact is the tenant's domain, whatever host the browser was on.
    expect(created.agents[0]).toMatchObject({ agent_contact: 'user/1001@acme.test', agent_type: 'callback', agent_status: 'Available', agent_call_timeout: 20, agent_max_no_answer: 3 });
    expect(created.agents[1]).toMatchObject({ agent_status: 'On Break', agent_call_timeout: 30 });
    expect(created.agents[0].call_center_agent_uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('call_queues.service.ts: GET /call_queues answers a bare array with every column the list shows and sorts', async () => {
    const rows = answer(await tenantAdmin.get('/call_queues'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const column of ['call_center_queue_uuid', 'queue_name', 'queue_extension', 'queue_strategy', 'agent_count', 'tenant_name']) expect(row).toHaveProperty(column);
    expect(flag(row.queue_enabled)).toBe(true);
    expect(row.agent_count).toBe(2);
    expect(row.tenant_name).toBe('Acme');
  });

  it('call_queues.service.ts: GET /call_queues?tenant_id= (the super-admin tenant picker) lists one tenant; ?totalrows works', async () => {
    expect(answer(await admin.get(`/call_queues?tenant_id=${cast.tenantA}`))).toHaveLength(1);
    expect(answer(await admin.get(`/call_queues?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get('/call_queues'))).toHaveLength(1);
    const count = await admin.get('/call_queues?totalrows');
    expect(JSON.parse(count.body)).toBe(1);
  });

  it('extension-check.service.ts: the queue number is taken (check names it), and a second queue or an extension on it is a 409', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=7100'))).toMatchObject({ available: false, used_by: 'Queue' });
    expect(answer(await tenantAdmin.get('/fpbx_extensions/next_available?start=7100')).next_available).toBe('7101');
    expect((await tenantAdmin.post('/call_queues', newQueue({ queue_name: 'Again', queue_extension: '7100' }))).statusCode).toBe(409);
    expect((await tenantAdmin.post('/call_queues', newQueue({ queue_name: 'Clash', queue_extension: '1001' }))).statusCode).toBe(409);
    expect((await tenantAdmin.post('/fpbx_extensions', { extension: '7100', password: 'Acme-pass-x1' })).statusCode).toBe(409);
    // A queue's number is digits: the agent feature codes cannot be taken.
    expect((await tenantAdmin.post('/call_queues', newQueue({ queue_name: 'Code', queue_extension: '*22' }))).statusCode).toBe(400);
  });

  it('call_queues-form-component.ts: GET /call_queues/:uuid then PUT of the loaded object with edits (agent removed, one added, hangup)', async () => {
    const loaded = answer(await tenantAdmin.get(`/call_queues/${uuid}`));
    expect(loaded.queue_timeout_action.startsWith('transfer:')).toBe(true);
    const kept = loaded.agents[0].call_center_agent_uuid;
    loaded.queue_strategy = 'round-robin';
    loaded.queue_timeout_action = 'hangup:';
    loaded.agents.splice(1, 1);
    loaded.agents.push(newAgent('1003', { agent_status: 'Logged Out' }));
    // save(): every contact recomposed on the web host.
    for (const a of loaded.agents) a.agent_contact = `user/${agentExt(a.agent_contact)}@pbx.example.com`;
    const updated = answer(await tenantAdmin.put(`/call_queues/${uuid}`, loaded));
    expect(updated).toMatchObject({ queue_strategy: 'round-robin', queue_timeout_action: 'hangup:', queue_timeout_type: '', agent_count: 2 });
    expect(updated.agents.map((a: { agent_contact: string }) => agentExt(a.agent_contact))).toEqual(['1001', '1003']);
    expect(updated.agents[0].call_center_agent_uuid).toBe(kept);
    expect(updated.agents[1].agent_status).toBe('Logged Out');
  });

  it('call_queues-form-component.ts: a timeout picked as a voicemail box or another queue, flags as strings', async () => {
    const second = answer(await tenantAdmin.post('/call_queues', newQueue({ queue_name: 'Sales', queue_extension: '7200', queue_enabled: '1', queue_timeout_action: 'transfer:7100' })));
    expect(second).toMatchObject({ queue_enabled: true, queue_timeout_type: 'queue', queue_timeout_action: 'transfer:7100' });
    const third = answer(await tenantAdmin.post('/call_queues', newQueue({ queue_name: 'After hours', queue_extension: '7300', queue_enabled: 'false', queue_timeout_action: 'transfer:*991001' })));
    expect(third).toMatchObject({ queue_enabled: false, queue_timeout_type: 'voicemail', queue_timeout_value: '1001', queue_timeout_action: 'transfer:*991001' });
    // 7100 is now the Sales queue's timeout destination: it cannot go, and the client shows the message.
    const blocked = await tenantAdmin.delete(`/call_queues/${uuid}`);
    expect(blocked.statusCode).toBe(409);
    expect(JSON.parse(blocked.body).error.message).toMatch(/queue/);
    answer(await tenantAdmin.delete(`/call_queues/${second.call_center_queue_uuid}`));
    answer(await tenantAdmin.delete(`/call_queues/${third.call_center_queue_uuid}`));
  });

  it('call_queues-form-component.ts: refuses what the client cannot mean, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ queue_name: 'X', queue_extension: '7400', queue_strategy: 'fastest' }, 'queue_strategy'],
      [{ queue_name: '${system(id)}', queue_extension: '7400' }, 'queue_name'],
      [{ queue_name: 'X', queue_extension: '7400', queue_cid_prefix: '${x}' }, 'queue_cid_prefix'],
      [{ queue_name: 'X', queue_extension: '7400', queue_moh_sound: '${system(id)}' }, 'queue_moh_sound'],
      [{ queue_name: 'X', queue_extension: '7400', queue_moh_sound: 'shout://radio' }, 'queue_moh_sound'],
      [{ queue_name: 'X', queue_extension: '7400', queue_timeout_action: 'transfer:9196' }, 'queue_timeout_action'],
      [{ queue_name: 'X', queue_extension: '7400', queue_timeout_action: 'transfer:7400' }, 'queue_timeout_action'],
      [{ queue_name: 'X', queue_extension: '7400', queue_timeout_action: 'bridge:sofia/x' }, 'queue_timeout_action'],
      [{ queue_name: 'X', queue_extension: '7400', queue_max_wait_time: -1 }, 'queue_max_wait_time'],
      // Another tenant's extension, an unknown one, twice the same, a status mod_callcenter does not know.
      [{ queue_name: 'X', queue_extension: '7400', agents: [newAgent('2001')] }, 'agents'],
      [{ queue_name: 'X', queue_extension: '7400', agents: [newAgent('1999')] }, 'agents'],
      [{ queue_name: 'X', queue_extension: '7400', agents: [newAgent('1001'), newAgent('1001')] }, 'agents'],
      [{ queue_name: 'X', queue_extension: '7400', agents: [newAgent('1001', { agent_status: 'Busy' })] }, 'agent_status'],
      [{ queue_name: 'X', queue_extension: '7400', agents: [newAgent('1001', { agent_contact: 'sofia/internal/1001' })] }, 'agent_contact'],
      [{ queue_name: 'X', queue_extension: '7400', queue_greeting: 'hello.wav' }, 'queue_greeting'],
    ];
    for (const [body, field] of cases) {
      const res = await tenantAdmin.post('/call_queues', newQueue(body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(res.body).error.message, JSON.stringify(body)).toContain(field);
    }
    expect(answer(await tenantAdmin.get('/call_queues'))).toHaveLength(1);
  });

  it('call_queues-component.ts: another tenant sees nothing and cannot read, change or delete the queue; an end user holds no queue permission', async () => {
    expect(answer(await otherAdmin.get('/call_queues'))).toEqual([]);
    expect((await otherAdmin.get(`/call_queues/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/call_queues/${uuid}`, { queue_name: 'Mine' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/call_queues/${uuid}`)).statusCode).toBe(404);
    expect((await guiClient(t, cast.userA.token).get('/call_queues')).statusCode).toBe(403);
  });

  it('feature-codes: /feature_codes lists the agent login and logout codes with the module that adds them', async () => {
    const codes = answer(await tenantAdmin.get('/feature_codes'));
    const rows = Array.isArray(codes) ? codes : codes.rows;
    const numbers = rows.map((c: { number?: string; feature_code?: string }) => JSON.stringify(c));
    expect(numbers.some((c: string) => c.includes('*22') && c.includes('callQueues'))).toBe(true);
    expect(numbers.some((c: string) => c.includes('*23') && c.includes('callQueues'))).toBe(true);
  });

  it('call_queues-component.ts: DELETE with a JSON content type and no body answers true, then the queue is gone and its number free', async () => {
    expect(answer(await tenantAdmin.delete(`/call_queues/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/call_queues/${uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=7100'))).toMatchObject({ available: true });
  });
});
