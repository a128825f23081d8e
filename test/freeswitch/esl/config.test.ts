// FREESWITCH_ESL and the ESL_* timings, as loadConfig reads them.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';

const base = { DATA_DIR: '/tmp/switchyard-config-test' };

describe('Event Socket configuration', () => {
  it('has no default node unless FREESWITCH_ESL names one', () => {
    expect(loadConfig(base).esl.defaultNode).toBeNull();
  });

  it('reads host:port:password, the password keeping its colons, and an IPv6 host in brackets', () => {
    expect(loadConfig({ ...base, FREESWITCH_ESL: '127.0.0.1:8021:ClueCon' }).esl.defaultNode).toEqual({ name: 'default', host: '127.0.0.1', port: 8021, password: 'ClueCon' });
    expect(loadConfig({ ...base, FREESWITCH_ESL: 'fs.example.test:8022:a:b:c', FREESWITCH_ESL_NAME: 'fs1' }).esl.defaultNode).toEqual({
      name: 'fs1',
      host: 'fs.example.test',
      port: 8022,
      password: 'a:b:c',
    });
    expect(loadConfig({ ...base, FREESWITCH_ESL: '[::1]:8021:ClueCon' }).esl.defaultNode).toMatchObject({ host: '::1', port: 8021 });
  });

  it('refuses a malformed FREESWITCH_ESL or timing', () => {
    for (const bad of ['127.0.0.1', '127.0.0.1:8021', '127.0.0.1:99999:pw', ':8021:pw']) {
      expect(() => loadConfig({ ...base, FREESWITCH_ESL: bad })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...base, ESL_COMMAND_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
    // A probe every few milliseconds would be hammering, not probing.
    expect(() => loadConfig({ ...base, ESL_RECONNECT_PROBE_MS: '0' })).toThrow(ConfigError);
  });

  it('has timings with sane defaults, the reconnect ceiling never under the floor', () => {
    expect(loadConfig(base).esl).toMatchObject({ connectTimeoutMs: 5000, commandTimeoutMs: 5000, jobTimeoutMs: 120000, reconnectMinMs: 500, reconnectMaxMs: 30000, reconnectProbeMs: 1000, idleProbeMs: 30000 });
    expect(loadConfig({ ...base, ESL_RECONNECT_MIN_MS: '5000', ESL_RECONNECT_MAX_MS: '100' }).esl.reconnectMaxMs).toBe(5000);
  });
});
