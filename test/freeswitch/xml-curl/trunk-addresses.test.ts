// Trunk host names are resolved in the background for acl.conf: a fetch never waits on DNS (420
// named trunks used to take 42 s to render, and FreeSWITCH gives up after 2 s), lookups run a few
// at a time with a timeout each, and a name whose addresses change is announced.
import { describe, expect, it } from 'vitest';
import { createTrunkAddresses } from '../../../src/freeswitch/xml-curl/configuration/trunk-addresses.ts';
import { until } from '../../helpers/wait.ts';

const silentLog = { warn: () => {} };

describe('trunk addresses', () => {
  it('answers at once with what it knows while 420 names are looked up a few at a time', async () => {
    const pending = new Map<string, (addresses: string[]) => void>();
    let atOnce = 0;
    let most = 0;
    let changes = 0;
    const addresses = createTrunkAddresses({
      log: silentLog,
      concurrency: 2,
      timeoutMs: 60_000,
      onChange: () => changes++,
      resolve: (host) =>
        new Promise((resolve) => {
          most = Math.max(most, ++atOnce);
          pending.set(host, (a) => {
            atOnce--;
            resolve(a);
          });
        }),
    });
    const hosts = [...Array.from({ length: 420 }, (_, i) => `trunk${i}.example`), '198.51.100.1'];
    expect(addresses.addressesOf(hosts)).toEqual(['198.51.100.1']);
    // Answer every lookup as it comes, two at a time at most.
    for (let i = 0; i < 420; i++) {
      await until(() => pending.size > 0);
      const [host, answer] = pending.entries().next().value!;
      pending.delete(host);
      answer([`192.0.2.${i % 250}`]);
    }
    await addresses.settled();
    expect(most).toBe(2);
    expect(changes).toBe(420);
    expect(addresses.addressesOf(hosts)).toHaveLength(421);
  });

  it('gives up on a name after the timeout, keeps what it knew, and asks again later', async () => {
    let calls = 0;
    const warnings: object[] = [];
    let changes = 0;
    let answer: () => Promise<string[]> = async () => ['192.0.2.1'];
    const addresses = createTrunkAddresses({
      log: { warn: (obj) => void warnings.push(obj) },
      timeoutMs: 20,
      ttlMs: 0,
      onChange: () => changes++,
      resolve: () => {
        calls++;
        return answer();
      },
    });
    addresses.addressesOf(['carrier.example']);
    await addresses.settled();
    expect(addresses.addressesOf(['carrier.example'])).toEqual(['192.0.2.1']);
    await addresses.settled();
    answer = () => new Promise(() => {});
    addresses.addressesOf(['carrier.example']);
    await addresses.settled();
    expect(warnings).toContainEqual({ host: 'carrier.example', err: 'no answer within 20 ms' });
    expect(addresses.addressesOf(['carrier.example'])).toEqual(['192.0.2.1']);
    expect(changes).toBe(1);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('forgets names no trunk has any more', async () => {
    const addresses = createTrunkAddresses({ log: silentLog, onChange: () => {}, resolve: async (host) => [host === 'a.example' ? '192.0.2.1' : '192.0.2.2'] });
    addresses.addressesOf(['a.example', 'b.example']);
    await addresses.settled();
    expect(addresses.addressesOf(['a.example', 'b.example'])).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(addresses.addressesOf(['b.example'])).toEqual(['192.0.2.2']);
    expect(addresses.addressesOf(['a.example', 'b.example'])).toEqual(['192.0.2.2']);
  });
});
