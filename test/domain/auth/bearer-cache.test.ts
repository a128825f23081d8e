// The bearer cache's own rules, on a clock the test moves: what it keeps and for how long, what
// each change notice drops, how many users it holds, and that a load overtaken by a change is not
// kept. The end-to-end behaviour (revocations through the API, two nodes) is in test/http/rest.
import { describe, expect, it } from 'vitest';
import { createBearerCache } from '../../../src/domain/auth/bearer-cache.ts';
import { createVerifiedTokens } from '../../../src/domain/auth/verified-tokens.ts';
import type { UserRecord } from '../../../src/domain/users/users.repository.ts';
import { createLocalChangeBus } from '../../../src/infra/change-bus.ts';
import type { Claims } from '../../../src/security/tokens.ts';

function userRecord(id: number, tenantId: number | null, tokenVersion = 0): UserRecord {
  const at = new Date(0);
  return {
    id,
    tenantId,
    username: `user-${id}`,
    email: '',
    firstName: '',
    lastName: '',
    phone: '',
    mobile: '',
    address: '',
    company: '',
    countryId: null,
    timezoneId: null,
    passwordHash: 'unused',
    active: true,
    credit: 0,
    status: 'login',
    tokenVersion,
    mfaSecret: null,
    mfaEnabled: false,
    mfaLastStep: 0,
    passwordChangedAt: new Date(0),
    createdAt: at,
    updatedAt: at,
    lastLoginAt: null,
    dailyLimit: 1000,
    monthlyLimit: 1000,
    quotaExtensions: 0,
    quotaDevices: 0,
    quotaRingGroups: 0,
    quotaCallQueues: 0,
    quotaIvrMenus: 0,
    quotaVoicemail: 0,
    quotaConference: 0,
    quotaMusicOnHold: 0,
    allowedTimeslot: '',
    allowedDays: '',
    roles: [{ id: 1, name: 'user' }],
    directPermissions: [],
    permissions: ['user_read'],
  };
}

/** A cache over an in-memory user table that counts its reads, on a clock the test moves. */
function setUp(options: { maxEntries?: number } = {}) {
  const users = new Map([1, 2, 3].map((id) => [id, userRecord(id, id === 3 ? 20 : 10)]));
  const reads = { users: 0, tenants: 0 };
  let gate: { opened: Promise<void>; open(): void } | null = null;
  const clock = { now: 0 };
  const changes = createLocalChangeBus();
  const cache = createBearerCache({
    users: {
      async findById(id) {
        reads.users++;
        const found = users.get(id) ?? null;
        // A read the test holds until it says so (one in flight while a change arrives).
        if (gate) await gate.opened;
        return found;
      },
    },
    tenants: {
      async isActive() {
        reads.tenants++;
        return true;
      },
    },
    changes,
    ttlMs: 1000,
    maxEntries: options.maxEntries ?? 100,
    now: () => clock.now,
  });
  return {
    cache,
    users,
    reads,
    clock,
    changes,
    hold() {
      let open!: () => void;
      gate = { opened: new Promise<void>((resolve) => (open = resolve)), open };
    },
    release() {
      gate?.open();
      gate = null;
    },
  };
}

describe('the bearer cache', () => {
  it('reads a user once, until its TTL has passed', async () => {
    const { cache, reads, clock } = setUp();
    expect((await cache.user(1))?.actor.permissions.has('user_read')).toBe(true);
    clock.now = 999;
    await cache.user(1);
    expect(reads.users).toBe(1);
    clock.now = 1000;
    await cache.user(1);
    expect(reads.users).toBe(2);
  });

  it('a user notice drops that user only; a role notice or a resync drops every user', async () => {
    const { cache, reads, changes } = setUp();
    await cache.user(1);
    await cache.user(2);
    await changes.publish({ entity: 'user', tenantId: null, id: 1 });
    await cache.user(1);
    await cache.user(2);
    expect(reads.users).toBe(3);
    await changes.publish({ entity: 'role', tenantId: null, id: 7 });
    await cache.user(1);
    await cache.user(2);
    expect(reads.users).toBe(5);
    await changes.publish({ entity: 'resync', tenantId: null });
    await cache.user(1);
    expect(reads.users).toBe(6);
  });

  it('a tenant notice drops the tenant and its users (deleting a tenant deletes them)', async () => {
    const { cache, reads, changes } = setUp();
    for (const id of [1, 2, 3]) await cache.user(id);
    await cache.tenantActive(10);
    await changes.publish({ entity: 'tenant', tenantId: 10, id: 10 });
    for (const id of [1, 2, 3]) await cache.user(id);
    await cache.tenantActive(10);
    expect(reads).toEqual({ users: 5, tenants: 2 });
  });

  it('a change arriving while a user is being read is not hidden by that read', async () => {
    const { cache, users, reads, changes, hold, release } = setUp();
    hold();
    const before = cache.user(1);
    users.set(1, userRecord(1, 10, 1));
    await changes.publish({ entity: 'user', tenantId: null, id: 1 });
    release();
    // The read that started before the change may answer what it read, but is not kept.
    await before;
    expect((await cache.user(1))?.tokenVersion).toBe(1);
    expect(reads.users).toBe(2);
  });

  it('holds at most maxEntries users, dropping the oldest read first', async () => {
    const { cache, reads } = setUp({ maxEntries: 2 });
    for (const id of [1, 2, 3]) await cache.user(id);
    await cache.user(3);
    await cache.user(2);
    expect(reads.users).toBe(3);
    await cache.user(1);
    expect(reads.users).toBe(4);
  });

  it('keeps no failed read', async () => {
    const { cache, users, reads } = setUp();
    users.get = () => {
      throw new Error('database down');
    };
    await expect(cache.user(1)).rejects.toThrow('database down');
    users.get = Map.prototype.get;
    expect((await cache.user(1))?.id).toBe(1);
    expect(reads.users).toBe(2);
  });
});

describe('verified tokens', () => {
  const claims = (exp: number) => ({ typ: 'access', user_id: 1, ver: 0, exp }) as Claims;

  it('checks a signature once, and the expiry on every use', () => {
    let verifications = 0;
    const clock = { now: 0 };
    const tokens = createVerifiedTokens(
      {
        verify: () => {
          verifications++;
          return claims(10);
        },
      },
      { now: () => clock.now },
    );
    expect(tokens.verify('t').user_id).toBe(1);
    clock.now = 9_999;
    tokens.verify('t');
    expect(verifications).toBe(1);
    clock.now = 10_000;
    expect(() => tokens.verify('t')).toThrow('Token has expired');
  });

  it('keeps nothing of a token that fails verification, and at most maxEntries tokens', () => {
    let verifications = 0;
    const tokens = createVerifiedTokens(
      {
        verify: (token) => {
          verifications++;
          if (token === 'forged') throw new Error('Invalid token');
          return claims(Number.MAX_SAFE_INTEGER);
        },
      },
      { maxEntries: 1 },
    );
    expect(() => tokens.verify('forged')).toThrow('Invalid token');
    expect(() => tokens.verify('forged')).toThrow('Invalid token');
    tokens.verify('a');
    tokens.verify('b');
    tokens.verify('a');
    expect(verifications).toBe(5);
  });
});
