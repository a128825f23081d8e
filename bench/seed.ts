// Seeds the benchmark database: 100 tenants × 100 extensions (10,000 users), and on the first
// tenant 20 outbound routes over 4 trunks. Written straight through Prisma for speed; the data
// is what the REST API would store (sealed secrets, UUID domains).
import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/database.ts';
import type { SecretBox } from '../src/security/secrets.ts';

export const TENANTS = 100;
export const EXTENSIONS = 100;
export const ROUTES = 20;

export const domainOf = (i: number) => `tenant-${String(i).padStart(3, '0')}.bench.test`;
export const extensionOf = (j: number) => String(1000 + j);

export async function seed(db: Db, secrets: SecretBox): Promise<void> {
  for (let i = 0; i < TENANTS; i++) {
    const tenant = await db.tenant.create({ data: { name: `Tenant ${i}`, domain: domainOf(i), domainUuid: randomUUID(), maxConcurrentCalls: 20 } });
    await db.extension.createMany({
      data: Array.from({ length: EXTENSIONS }, (_, j) => ({
        tenantId: tenant.id,
        extension: extensionOf(j),
        passwordEnc: secrets.seal(`Secret-${i}-${j}`),
        voicemailPasswordEnc: secrets.seal(String(1000 + j)),
        displayName: `User ${j} of tenant ${i}`,
        tollAllow: 'local,domestic',
        callGroup: j % 10 === 0 ? 'sales' : '',
        outboundCallerIdNumber: `+1555${String(i).padStart(3, '0')}${String(j).padStart(4, '0')}`,
        forwardBusyEnabled: j % 7 === 0,
        forwardBusyDestination: j % 7 === 0 ? '1001' : '',
      })),
    });
  }
  const first = await db.tenant.findUniqueOrThrow({ where: { domain: domainOf(0) } });
  const trunks = [];
  for (let k = 0; k < 4; k++) {
    trunks.push(
      await db.provider.create({
        data: { name: `Trunk ${k}`, host: `198.51.100.${10 + k}`, username: `user${k}`, passwordEnc: secrets.seal(`trunk-${k}`), tenantId: k < 2 ? first.id : null },
      }),
    );
  }
  for (let r = 0; r < ROUTES; r++) {
    // Ten patterns, each tried over two trunks (failover), with a mix of strip, prepend and toll classes.
    const p = Math.floor(r / 2);
    await db.route.create({
      data: {
        tenantId: p % 5 === 4 ? null : first.id,
        providerId: trunks[r % 4].id,
        name: `Route ${r}`,
        pattern: `^${p}(\\d{${6 + (p % 3)},})$`,
        strip: 1,
        prepend: p % 3 === 0 ? '+1' : '',
        priority: 10 + r,
        tollType: ['', 'local', 'domestic', 'international'][p % 4],
      },
    });
  }
  await db.account.create({ data: { tenantId: first.id, type: 'cid', phone: '+15550000000', username: '+15550000000', firstName: 'Tenant 0' } });
}
