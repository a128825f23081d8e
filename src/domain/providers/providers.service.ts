// SIP trunks (providers) and their PBX projection (gateways: the same rows by gateway_uuid).
// Shared providers (no tenant) are the super-admin's and usable by every tenant; a tenant admin
// manages its own tenant's providers and sees the shared ones. Passwords are write-only. Every
// input is checked against its schema (providers.schema.ts) first; provider-rules.ts holds what a
// schema cannot say.
import { authorize, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed, type AppError } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { flagsWith } from '../shared/service-flags.ts';
import { assertWritable, listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { checkAddress, checkContext, checkTrunkPassword, inService } from './provider-rules.ts';
import type { ProviderFields, ProviderRecord, ProvidersRepository } from './providers.repository.ts';
import { proxyOf, splitProxy } from './sip-proxy.ts';
import {
  GatewayCreate,
  GatewayFilter,
  GatewayUpdate,
  ProviderCreate,
  ProviderFilter,
  ProviderUpdate,
  type GatewayCreateInput,
  type GatewayUpdateInput,
  type GatewayView,
  type ProviderCreateInput,
  type ProviderUpdateInput,
  type ProviderView,
} from './providers.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

/** A provider as adapters see it: never its password. */
export type Provider = Omit<ProviderRecord, 'passwordEnc'>;

const SORTABLE = { provider_id: 'id', name: 'name', host: 'host', date_created: 'createdAt', gateway: 'name', gateway_uuid: 'gatewayUuid' };

const present = ({ passwordEnc: _sealed, ...provider }: ProviderRecord): Provider => provider;
const count = (n: number) => (n ? String(n) : '');

function sofiaView(p: Provider) {
  return {
    tenantId: p.tenantId,
    username: p.username,
    realm: p.realm,
    fromUser: p.fromUser,
    fromDomain: p.fromDomain,
    authUsername: p.authUsername,
    proxy: proxyOf(p.host, p.port),
    registerProxy: p.registerProxy,
    outboundProxy: p.outboundProxy,
    register: p.register,
    registerTransport: p.transport,
    expireSeconds: p.expireSeconds,
    retrySeconds: p.retrySeconds,
    callerIdInFrom: p.callerIdInFrom,
    contactParams: p.contactParams,
    extension: p.extension,
    distinctTo: p.distinctTo,
    supressCng: p.suppressCng,
    sipCidType: p.sipCidType,
    extensionInContact: p.extensionInContact,
    contactInPing: p.contactInPing,
    codecPrefs: p.codecPrefs,
    channels: p.channels,
    context: p.context,
    profile: p.profile,
    enabled: p.active,
    description: p.description,
  };
}

export function providerView(p: Provider): ProviderView {
  return {
    providerId: p.id,
    gatewayUuid: p.gatewayUuid,
    fpbxGatewayUuid: p.gatewayUuid,
    tenantName: p.tenant?.name ?? null,
    name: p.name,
    type: p.type,
    host: p.host,
    port: p.port,
    ...sofiaView(p),
    ping: p.pingSeconds,
    pingMin: p.pingMin,
    pingMax: p.pingMax,
    serviceFlag: p.serviceFlag,
    prefix: p.prefix,
    outboundCallerId: p.outboundCallerId,
    weight: p.weight,
    active: p.active,
    dateCreated: unixSeconds(p.createdAt),
    lastUpdated: unixSeconds(p.updatedAt),
  };
}

export function gatewayView(p: Provider): GatewayView {
  return {
    gatewayUuid: p.gatewayUuid,
    providerId: p.id,
    gateway: p.name,
    ...sofiaView(p),
    ping: count(p.pingSeconds),
    pingMin: count(p.pingMin),
    pingMax: count(p.pingMax),
  };
}

/** The columns the sofia fields of either input set (`tenantId` and the in-service switch apart). */
function sofiaColumns(input: ProviderCreateInput | ProviderUpdateInput | GatewayCreateInput | GatewayUpdateInput): ProviderFields & { password?: string } {
  const { registerTransport, ping, supressCng, tenantId: _tenant, enabled: _enabled, ...rest } = input as GatewayUpdateInput & ProviderUpdateInput;
  const fields = { ...rest, transport: registerTransport, pingSeconds: ping, suppressCng: supressCng };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

interface ProviderQuery extends ListQuery {
  [filter: string]: unknown;
}

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

  /** Checks the trunk as it will be once written. */
  async function checkState(state: { tenantId: number | null; context?: string }, fields: ProviderFields & { password?: string }): Promise<void> {
    for (const field of ['host', 'realm', 'fromDomain'] as const) checkAddress(field, fields[field]);
    checkTrunkPassword(fields.password);
    if (fields.context !== undefined || fields.tenantId !== undefined) {
      checkContext(state.context, state.tenantId === null ? null : await providers.tenantDomain(state.tenantId));
    }
  }

  async function write(before: ProviderRecord | null, fields: ProviderFields & { password?: string }, ctx: Ctx): Promise<Provider> {
    const { password, ...columns } = fields;
    const sealed = password !== undefined ? { passwordEnc: secrets.seal(password) } : {};
    if (!before) {
      authorize(ctx, 'provider_create');
      const tenantId = await owningTenant(ctx, columns.tenantId, { shared: true, exists });
      await checkState({ tenantId, context: columns.context }, { ...fields, tenantId });
      const provider = await providers.create({ ...(columns as ProviderFields & { name: string; host: string }), tenantId, passwordEnc: '', ...sealed });
      await announce(provider);
      await activity.record(ctx, 'provider_created', `Create Provider ${provider.name} -ID:${provider.id}`, { tenantId });
      return present(provider);
    }
    authorize(ctx, 'provider_update');
    assertWritable(ctx.actor, before.tenantId, 'provider');
    if (columns.tenantId !== undefined && columns.tenantId !== before.tenantId) {
      columns.tenantId = await owningTenant(ctx, columns.tenantId, { shared: true, exists });
      if (await providers.routeCount(before.id)) throw conflict('A provider used by outbound routes cannot move to another tenant');
    } else {
      delete columns.tenantId;
    }
    await checkState({ tenantId: columns.tenantId ?? before.tenantId, context: columns.context ?? before.context }, fields);
    const provider = await providers.update(before.id, { ...columns, ...sealed });
    await announce(before);
    if (before.tenantId !== provider.tenantId) await announce(provider);
    await activity.record(ctx, 'provider_updated', `Update Provider ${provider.name} -ID:${provider.id}: ${Object.keys(fields).join(', ')}`, {
      tenantId: provider.tenantId,
    });
    return present(provider);
  }

  /** A provider input's columns: ICTCore's active and FusionPBX's enabled as the one switch. */
  function providerFields(input: ProviderCreateInput | ProviderUpdateInput, before: ProviderRecord | null): ProviderFields & { password?: string } {
    const active = inService(input.active, input.enabled, before?.active ?? true);
    const fields = { ...sofiaColumns(input), ...(input.tenantId !== undefined ? { tenantId: input.tenantId } : {}) };
    return active === undefined ? fields : { ...fields, active };
  }

  /** A gateway input's columns: `gateway` is the name, `proxy` the host and port (the realm when there is none). */
  function gatewayFields(input: GatewayCreateInput | GatewayUpdateInput, before: ProviderRecord | null): ProviderFields & { password?: string } {
    const { gateway, proxy, ...rest } = input;
    const fields: ProviderFields & { password?: string } = { ...sofiaColumns(rest), ...(input.tenantId !== undefined ? { tenantId: input.tenantId } : {}) };
    if (gateway !== undefined) fields.name = gateway;
    if (input.enabled !== undefined) fields.active = input.enabled;
    if (proxy) {
      const { host, port } = splitProxy(proxy.trim());
      Object.assign(fields, { host, port: port ?? 5060 });
    } else if (!before || proxy === '') {
      const realm = fields.realm ?? before?.realm;
      if (!realm) throw validationFailed('proxy', 'is required when realm is empty');
      Object.assign(fields, { host: realm, port: 5060 });
    }
    return fields;
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

  async function list(query: ProviderQuery, ctx: Ctx, gateways: boolean): Promise<Page<Provider>> {
    authorize(ctx, 'provider_list');
    const { list, filters } = splitList(query);
    const p = paging({ ...list, sort: list.sort ?? (gateways ? 'gateway' : undefined) }, SORTABLE, 'provider_id');
    const filter = gateways ? (({ gateway, enabled, ...f }) => ({ ...f, name: gateway, active: enabled }))(parse(GatewayFilter, filters)) : parse(ProviderFilter, filters);
    const tenants = listTenants(ctx.actor, filter.tenantId, true);
    if (tenants === false) return page([], 0, p);
    const { tenantId: _tenant, serviceFlag, ...rest } = filter as typeof filter & { serviceFlag?: number };
    const { items, total } = await providers.list({ ...tenants, ...rest, serviceFlags: serviceFlag !== undefined ? flagsWith(serviceFlag) : undefined }, p);
    return page(items.map(present), total, p);
  }

  const byId = async (id: number, ctx: Ctx) => visibleRecord(await providers.findById(id), ctx, 'provider_read');
  const byUuid = async (uuid: string, ctx: Ctx) => visibleRecord(await providers.findByGatewayUuid(uuid), ctx, 'provider_read');

  return {
    list: (query: ProviderQuery, ctx: Ctx) => list(query, ctx, false),
    /** The same rows under FusionPBX's filter names (gateway, enabled). */
    listGateways: (query: ProviderQuery, ctx: Ctx) => list(query, ctx, true),

    get: async (id: number, ctx: Ctx) => present(await byId(id, ctx)),
    /** Batched reads (GraphQL loaders): each id answers its provider or the error a single read would give. */
    async getMany(ids: readonly number[], ctx: Ctx): Promise<(Provider | AppError)[]> {
      authorize(ctx, 'provider_read');
      const actor = ctx.actor;
      const found = new Map((await providers.findByIds(ids)).filter((p) => reachesTenant(actor, p.tenantId, true)).map((p) => [p.id, present(p)]));
      return ids.map((id) => found.get(id) ?? notFound('Provider'));
    },
    getByGatewayUuid: async (uuid: string, ctx: Ctx) => present(await byUuid(uuid, ctx)),

    /** A provider the actor may send calls through (its tenant's or a shared one), or a 400 naming `field`. */
    async usable(id: number, tenantId: number | null, field: string): Promise<ProviderRecord> {
      const provider = await providers.findById(id);
      if (!provider || (provider.tenantId !== null && provider.tenantId !== tenantId)) {
        throw validationFailed(field, tenantId === null ? 'names no shared provider' : 'names no provider of the tenant or shared one');
      }
      return provider;
    },

    create: (raw: unknown, ctx: Ctx) => write(null, providerFields(parse(ProviderCreate, raw), null), ctx),
    createGateway: (raw: unknown, ctx: Ctx) => write(null, gatewayFields(parse(GatewayCreate, raw), null), ctx),

    async update(id: number, raw: unknown, ctx: Ctx): Promise<Provider> {
      const before = await byId(id, ctx);
      return write(before, providerFields(parse(ProviderUpdate, raw), before), ctx);
    },
    async updateGateway(uuid: string, raw: unknown, ctx: Ctx): Promise<Provider> {
      const before = await byUuid(uuid, ctx);
      return write(before, gatewayFields(parse(GatewayUpdate, raw), before), ctx);
    },
    remove: async (id: number, ctx: Ctx) => remove(await byId(id, ctx), ctx),
    removeByGatewayUuid: async (uuid: string, ctx: Ctx) => remove(await byUuid(uuid, ctx), ctx),
  };
}

export type ProvidersService = ReturnType<typeof createProvidersService>;
