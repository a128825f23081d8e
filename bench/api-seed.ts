// Seeds the API benchmark's database: 100 tenants, each with two tenant permissions (so a tenant's
// JSON carries its tenant_permissions as the GUI sees them), written straight through Prisma.
import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/database.ts';

export const API_TENANTS = 100;

export async function seedApi(db: Db): Promise<void> {
  const permissions = await db.permission.findMany({ take: 2, orderBy: { id: 'asc' }, select: { id: true } });
  for (let i = 0; i < API_TENANTS; i++) {
    await db.tenant.create({
      data: {
        name: `Tenant ${i}`,
        domain: `tenant-${String(i).padStart(3, '0')}.api-bench.test`,
        domainUuid: randomUUID(),
        description: `Benchmark tenant number ${i}`,
        email: `admin@tenant-${i}.example`,
        phone: `+1555${String(i).padStart(7, '0')}`,
        maxConcurrentCalls: 20,
        permissions: { create: permissions.map((p) => ({ permissionId: p.id })) },
      },
    });
  }
}
