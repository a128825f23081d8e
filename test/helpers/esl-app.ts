// A test app whose FREESWITCH_ESL node is a fake Event Socket, plus captured calls and
// registrations moved onto a tenant's domain.
import type { SwitchEvent } from '../../src/freeswitch/esl/index.ts';
import { createTestApp, type TestApp } from './app.ts';
import type { DatabaseKind } from './databases.ts';
import { deriveJsonEvent, eventFrames } from './esl-transcripts.ts';
import type { FakeEsl } from './fake-esl.ts';
import { until } from './wait.ts';

export function eslEnv(fake: FakeEsl): Record<string, string> {
  return {
    FREESWITCH_ESL: `${fake.host}:${fake.port}:ClueCon`,
    ESL_RECONNECT_MIN_MS: '20',
    ESL_RECONNECT_MAX_MS: '200',
    ESL_IDLE_PROBE_MS: '0',
  };
}

/** A test app connected to `fake` as its `default` node, resynchronised and ready. */
export async function createEslTestApp(kind: DatabaseKind, fake: FakeEsl, env: Record<string, string> = {}): Promise<TestApp & { events: SwitchEvent[] }> {
  const t = await createTestApp(kind, { ...eslEnv(fake), ...env });
  const events: SwitchEvent[] = [];
  t.app.esl.events.subscribe((e) => events.push(e));
  await until(() => t.app.esl.client('default')?.isConnected() === true);
  await until(() => t.app.esl.state.registrations().length > 0 || events.some((e) => e.kind === 'resync'));
  return Object.assign(t, { events });
}

const CAPTURED_A_LEG = '431d6592-c02c-4f01-94a4-c1036b3b5360';
const CAPTURED_B_LEG = '3216e411-d110-4f55-9b9a-b7c4e7743885';

/**
 * The captured public call bridged to user 1000 (capture 21), as JSON events of a call to
 * `extension` on `domain` with legs `inbound` and `outbound`. The first 6 frames leave it up
 * (create, progress, answer, bridge); the rest hang it up.
 */
export function callTo(domain: string, extension: string, inbound: string, outbound: string): string[] {
  return eventFrames('21-event-json-public-call-bridged-to-user-1000').map((f) =>
    deriveJsonEvent(f, {
      replace: [
        [CAPTURED_A_LEG, inbound],
        [CAPTURED_B_LEG, outbound],
        ['1000@127.0.0.1', `${extension}@${domain}`],
      ],
      set: { variable_dialed_domain: domain, variable_dialed_user: extension },
    }),
  );
}

/** The captured sofia::register of 1000, as `extension`@`domain` with its own call id. */
export function registrationOf(domain: string, extension: string): string {
  const frame = eventFrames('event-json-subset-register-call').find((f) => f.includes('"sofia::register"'))!;
  return deriveJsonEvent(frame, {
    set: {
      username: extension,
      'from-user': extension,
      'to-user': extension,
      realm: domain,
      domain_name: domain,
      'from-host': domain,
      'to-host': domain,
      'call-id': `reg-${extension}@${domain}`,
      contact: `"" <sip:${extension}@192.0.2.10:5060>`,
    },
  });
}

/** A sofia::gateway_state event (not captured): the captured CUSTOM register event's framing and headers, retitled. */
export function gatewayState(gateway: string, state: string, pingStatus = 'UP'): string {
  const frame = eventFrames('event-json-subset-register-call').find((f) => f.includes('"sofia::register"'))!;
  return deriveJsonEvent(frame, { set: { 'Event-Subclass': 'sofia::gateway_state', Gateway: gateway, State: state, 'Ping-Status': pingStatus, 'profile-name': 'external' } });
}
