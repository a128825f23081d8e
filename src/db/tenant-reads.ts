// Tenants as the REST API and GraphQL read them, on the hot reads' prepared statements. Through
// Prisma a tenant took three statements (tenant, tenant_permissions, permissions) and a page four,
// each compiled and mapped per call: most of what `GET /api/tenants/:id` cost. Here a tenant is one
// statement, the tenant joined with its permissions.
import type { Tenant } from '../generated/sqlite/client.ts';
import type { Db } from './client.ts';
import { hotReadsOf } from './hot-reads.ts';
import { modelColumns } from './model-columns.ts';
import { num, text } from './row-values.ts';

/** What a tenant's users have been given in all, out of its limits and quotas (the ICTPBX user form shows the rest). */
export interface Assigned {
  daily: number;
  monthly: number;
  extensions: number;
  devices: number;
  ringGroups: number;
  callQueues: number;
  ivrMenus: number;
  voicemail: number;
  conference: number;
  musicOnHold: number;
}
const ASSIGNED_COLUMNS = ['daily_limit', 'monthly_limit', 'quota_extensions', 'quota_devices', 'quota_ring_groups', 'quota_call_queues', 'quota_ivr_menus', 'quota_voicemail', 'quota_conference', 'quota_music_on_hold'];
const NOTHING_ASSIGNED: Assigned = { daily: 0, monthly: 0, extensions: 0, devices: 0, ringGroups: 0, callQueues: 0, ivrMenus: 0, voicemail: 0, conference: 0, musicOnHold: 0 };

/** A tenant with its permissions and its users' totals (the shape of the tenants repository's TenantRecord). */
export type TenantRead = Tenant & { permissions: { id: number; name: string }[]; assigned: Assigned };

export interface TenantReadFilter {
  id?: number;
  name?: string;
  domain?: string;
  company?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  active?: boolean;
}

/** The filters compared for equality, and their columns. */
const FILTER_COLUMNS = { id: 'id', name: 'name', domain: 'domain', company: 'company', firstName: 'first_name', lastName: 'last_name', email: 'email', phone: 'phone' } as const;

export interface TenantPaging {
  skip: number;
  take: number;
  sortField: string;
  order: 'asc' | 'desc';
}

const tenant = modelColumns<Tenant>('t', {
  id: 'int',
  name: 'text',
  domain: 'text',
  domainUuid: 'text',
  description: 'text',
  email: 'text',
  phone: 'text',
  active: 'bool',
  credit: 'float',
  maxConcurrentCalls: 'int',
  creditAlertThreshold: 'float',
  company: 'text',
  firstName: 'text',
  lastName: 'text',
  address: 'text',
  countryId: 'int?',
  timezoneId: 'int?',
  title: 'text',
  logoName: 'text',
  footer: 'text',
  dailyLimit: 'int',
  monthlyLimit: 'int',
  minRetention: 'int',
  maxRetention: 'int',
  retentionPeriod: 'int',
  quotaExtensions: 'int',
  quotaDevices: 'int',
  quotaRingGroups: 'int',
  quotaCallQueues: 'int',
  quotaConferences: 'int',
  quotaIvrMenus: 'int',
  quotaVoicemails: 'int',
  quotaMusicOnHold: 'int',
  createdAt: 'date',
  updatedAt: 'date',
});

/** The columns a page may be sorted by (the service's sort names, as model fields). */
const SORT_COLUMNS: Record<string, string> = { id: 'id', name: 'name', domain: 'domain', company: 'company', firstName: 'first_name', lastName: 'last_name', email: 'email', createdAt: 'created_at', updatedAt: 'updated_at' };

function tenantOf(v: readonly unknown[]): TenantRead {
  // Set on the row's own object: copying every field into a new one per tenant showed in profiles.
  const read = tenant.read(v) as TenantRead;
  read.permissions = [];
  read.assigned = NOTHING_ASSIGNED;
  return read;
}

/** Rows of byIds(), each tenant's together: one record per tenant, in row order. */
function tenantsOf(rows: unknown[][]): TenantRead[] {
  const out: TenantRead[] = [];
  let current: TenantRead | undefined;
  for (const v of rows) {
    if (current?.id !== num(v[0])) {
      out.push((current = tenantOf(v)));
      // A tenant without users has no totals row: its sums are null, read as 0.
      current.assigned = assignedOf(v, ASSIGNED_AT);
    }
    const permissionId = v[tenant.count];
    if (permissionId !== null && permissionId !== undefined) current.permissions.push({ id: num(permissionId), name: text(v[tenant.count + 1]) });
  }
  return out;
}

/**
 * The WHERE clause and its parameters. `active` is written into the text (TRUE or FALSE): SQLite's
 * driver binds no booleans and PostgreSQL compares no boolean with 0/1. So a filter picks one of
 * sixteen texts.
 */
function whereOf(filter: TenantReadFilter): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [field, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
    if (filter[field] === undefined) continue;
    conditions.push(`t.${column} = ?`);
    params.push(filter[field]);
  }
  if (filter.active !== undefined) conditions.push(`t.active = ${filter.active ? 'TRUE' : 'FALSE'}`);
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** Rounds a list of ids up to a power of two (repeating the last), so batches share a few SQL texts. */
function padded(ids: readonly number[]): number[] {
  let size = 1;
  while (size < ids.length) size *= 2;
  return Array.from({ length: size }, (_, i) => ids[Math.min(i, ids.length - 1)]);
}

const sums = ASSIGNED_COLUMNS.map((c, i) => `COALESCE(SUM(${c}), 0) AS assigned_${i}`).join(', ');
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');
/**
 * Tenants by id with their permissions and their users' totals, in one statement (the totals
 * grouped once, joined to each tenant): `count` ids, bound twice. Named apart from the tenant's
 * own columns: the in-memory fallback reads rows as objects.
 */
const byIds = (count: number) => `SELECT ${tenant.sql}, p.id AS permission_id, p.name AS permission_name, a.* FROM tenants t
  LEFT JOIN (SELECT tenant_id AS assigned_tenant, ${sums} FROM users WHERE tenant_id IN (${placeholders(count)}) GROUP BY tenant_id) a ON a.assigned_tenant = t.id
  LEFT JOIN tenant_permissions tp ON tp.tenant_id = t.id LEFT JOIN permissions p ON p.id = tp.permission_id
  WHERE t.id IN (${placeholders(count)}) ORDER BY t.id, p.id`;
/** Where a row of byIds() holds the totals (after the tenant, its permission and assigned_tenant). */
const ASSIGNED_AT = tenant.count + 3;

/** The totals in `v` from column `from` on, one sum per ASSIGNED_COLUMNS. */
function assignedOf(v: readonly unknown[], from: number): Assigned {
  const [daily, monthly, extensions, devices, ringGroups, callQueues, ivrMenus, voicemail, conference, musicOnHold] = v.slice(from).map(num);
  return { daily, monthly, extensions, devices, ringGroups, callQueues, ivrMenus, voicemail, conference, musicOnHold };
}

/** Sets each tenant's totals from rows of tenant_id, then the sums (a page's). */
function withAssigned(tenants: TenantRead[], rows: unknown[][]): TenantRead[] {
  const byId = new Map(tenants.map((t) => [t.id, t]));
  for (const v of rows) {
    const t = byId.get(num(v[0]));
    if (t) t.assigned = assignedOf(v, 1);
  }
  return tenants;
}

export function tenantReads(db: Db) {
  const reads = hotReadsOf(db);
  return {
    async findById(id: number): Promise<TenantRead | null> {
      return tenantsOf(await reads.values(byIds(1), [id, id]))[0] ?? null;
    },

    async findByIds(ids: readonly number[]): Promise<TenantRead[]> {
      if (!ids.length) return [];
      const wanted = padded(ids);
      return tenantsOf(await reads.values(byIds(wanted.length), [...wanted, ...wanted]));
    },

    /**
     * A page and how many tenants match in all: the page, its tenants' permissions, the count and
     * its tenants' totals, four statements that PostgreSQL runs at once. Joining the permissions into the page's rows
     * would repeat every tenant's columns once per permission, and on SQLite building those
     * values is most of a page's cost.
     */
    async list(filter: TenantReadFilter, p: TenantPaging): Promise<{ items: TenantRead[]; total: number }> {
      const column = SORT_COLUMNS[p.sortField];
      if (!column) throw new Error(`tenants cannot be sorted by ${p.sortField}`);
      const direction = p.order === 'desc' ? 'DESC' : 'ASC';
      // Ties are broken by id, so that pages never overlap.
      const order = column === 'id' ? `t.id ${direction}` : `t.${column} ${direction}, t.id ${direction}`;
      const where = whereOf(filter);
      const page = `FROM tenants t ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`;
      const params = [...where.params, p.take, p.skip];
      const [rows, granted, counted, assigned] = await Promise.all([
        reads.values(`SELECT ${tenant.sql} ${page}`, params),
        reads.values(
          `SELECT tp.tenant_id, p.id, p.name FROM (SELECT t.id ${page}) t
           JOIN tenant_permissions tp ON tp.tenant_id = t.id JOIN permissions p ON p.id = tp.permission_id ORDER BY p.id`,
          params,
        ),
        reads.values(`SELECT COUNT(*) FROM tenants t ${where.sql}`, where.params),
        reads.values(`SELECT tenant_id, ${sums} FROM users WHERE tenant_id IN (SELECT t.id ${page}) GROUP BY tenant_id`, params),
      ]);
      const items = rows.map(tenantOf);
      const byId = new Map(items.map((t) => [t.id, t]));
      for (const [tenantId, id, name] of granted) byId.get(num(tenantId))?.permissions.push({ id: num(id), name: text(name) });
      return { items: withAssigned(items, assigned), total: num(counted[0]?.[0]) };
    },
  };
}
