// SIP trunks (providers) and their PBX projection (gateways: the same rows by gateway_uuid).
// Shared providers (no tenant) are the super-admin's and usable by every tenant; a tenant admin
// manages its own tenant's providers and sees the shared ones. Passwords are write-only.
import { authorize, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed, type AppError } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import { flagsWith } from '../shared/service-flags.ts';
import { assertWritable, listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { checkProviderFields } from './provider-rules.ts';
import type { ProviderFields, ProviderRecord, ProvidersRepository } from './providers.repository.ts';

/** A provider as adapters see it: never its password. */
export type Provider = Omit<ProviderRecord, 'passwordEnc'>;

export type ProviderInput = Omit<ProviderFields, 'passwordEnc'> & { password?: string };

export interface ProviderQuery extends ListQuery {
  tenantId?: number;
  /** Bitwise: providers carrying all of these services. */
  serviceFlag?: number;
  name?: string;
  host?: string;
  active?: boolean;
}

const SORTABLE = { provider_id: 'id', name: 'name', host: 'host', date_created: 'createdAt', gateway: 'name', gateway_uuid: 'gatewayUuid' };

const present = ({ passwordEnc: _sealed, ...provider }: ProviderRecord): Provider => provider;

export function createProvidersService(deps: {
  providers: ProvidersRepository;
  tenants: TenantsRepository;
  secrets: SecretBox;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { providers, secrets, changes, activity } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visibleRecord(found: ProviderRecord | null, ctx: Ctx, permission: string): Promise<ProviderRecord> {
    authorize(ctx, permission);
    if (!found || !reachesTenant(ctx.actor, found.tenantId, true)) throw notFound('Provider');
    return found;
  }

  const announce = (p: ProviderRecord) => changes.publish({ entity: 'provider', tenantId: p.tenantId, id: p.id });

  async function update(before: ProviderRecord, input: ProviderInput, ctx: Ctx): Promise<Provider> {
    authorize(ctx, 'provider_update');
    assertWritable(ctx.actor, before.tenantId, 'provider');
    const { password, ...fields } = input;
    if (fields.tenantId !== undefined && fields.tenantId !== before.tenantId) {
      const tenantId = await owningTenant(ctx, fields.tenantId, { shared: true, exists });
      if (await providers.routeCount(before.id)) throw conflict('A provider used by outbound routes cannot move to another tenant');
      fields.tenantId = tenantId;
    }
    checkProviderFields(fields, password);
    const provider = await providers.update(before.id, { ...fields, ...(password !== undefined ? { passwordEnc: secrets.seal(password) } : {}) });
    await announce(before);
    if (before.tenantId !== provider.tenantId) await announce(provider);
    await activity.record(ctx, 'provider_updated', `Update Provider ${provider.name} -ID:${provider.id}: ${Object.keys(input).join(', ')}`, {
      tenantId: provider.tenantId,
    });
    return present(provider);
  }

  async function remove(provider: ProviderRecord, ctx: Ctx): Promise<void> {
    authorize(ctx, 'provider_delete');
    assertWritable(ctx.actor, provider.tenantId, 'provider');
    const routes = await providers.routeCount(provider.id);
    if (routes) throw conflict(`Provider ${provider.name} is used by ${routes} outbound route(s); delete or move them first`);
    await providers.delete(provider.id);
    await announce(provider);
    await activity.record(ctx, 'provider_deleted', `Delete Provider ${provider.name} -ID:${provider.id}`, { tenantId: provider.tenantId });
  }

  return {
    async list(query: ProviderQuery, ctx: Ctx): Promise<Page<Provider>> {
      authorize(ctx, 'provider_list');
      const p = paging(query, SORTABLE, 'provider_id');
      const tenants = listTenants(ctx.actor, query.tenantId, true);
      if (tenants === false) return page([], 0, p);
      const serviceFlags = query.serviceFlag !== undefined ? flagsWith(query.serviceFlag) : undefined;
      const { items, total } = await providers.list({ ...tenants, serviceFlags, name: query.name, host: query.host, active: query.active }, p);
      return page(items.map(present), total, p);
    },

    get: async (id: number, ctx: Ctx) => present(await visibleRecord(await providers.findById(id), ctx, 'provider_read')),
    /** Batched reads (GraphQL loaders): each id answers its provider or the error a single read would give. */
    async getMany(ids: readonly number[], ctx: Ctx): Promise<(Provider | AppError)[]> {
      authorize(ctx, 'provider_read');
      const actor = ctx.actor;
      const found = new Map((await providers.findByIds(ids)).filter((p) => reachesTenant(actor, p.tenantId, true)).map((p) => [p.id, present(p)]));
      return ids.map((id) => found.get(id) ?? notFound('Provider'));
    },
    getByGatewayUuid: async (uuid: string, ctx: Ctx) => present(await visibleRecord(await providers.findByGatewayUuid(uuid), ctx, 'provider_read')),

    /** A provider the actor may send calls through (its tenant's or a shared one), or a 400 naming `field`. */
    async usable(id: number, tenantId: number | null, field: string): Promise<ProviderRecord> {
      const provider = await providers.findById(id);
      if (!provider || (provider.tenantId !== null && provider.tenantId !== tenantId)) {
        throw validationFailed(field, tenantId === null ? 'names no shared provider' : 'names no provider of the tenant or shared one');
      }
      return provider;
    },

    async create(input: ProviderInput & { name: string; host: string }, ctx: Ctx): Promise<Provider> {
      authorize(ctx, 'provider_create');
      const tenantId = await owningTenant(ctx, input.tenantId, { shared: true, exists });
      const { password, ...fields } = input;
      checkProviderFields(fields, password);
      const provider = await providers.create({ ...fields, tenantId, passwordEnc: secrets.seal(password ?? '') });
      await announce(provider);
      await activity.record(ctx, 'provider_created', `Create Provider ${provider.name} -ID:${provider.id}`, { tenantId });
      return present(provider);
    },

    update: async (id: number, input: ProviderInput, ctx: Ctx) => update(await visibleRecord(await providers.findById(id), ctx, 'provider_read'), input, ctx),
    updateByGatewayUuid: async (uuid: string, input: ProviderInput, ctx: Ctx) =>
      update(await visibleRecord(await providers.findByGatewayUuid(uuid), ctx, 'provider_read'), input, ctx),
    remove: async (id: number, ctx: Ctx) => remove(await visibleRecord(await providers.findById(id), ctx, 'provider_read'), ctx),
    removeByGatewayUuid: async (uuid: string, ctx: Ctx) => remove(await visibleRecord(await providers.findByGatewayUuid(uuid), ctx, 'provider_read'), ctx),
  };
}

export type ProvidersService = ReturnType<typeof createProvidersService>;
