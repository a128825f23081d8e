// Inbound routes: the DIDs that go somewhere, in FusionPBX's words (the ICTPBX client's
// /inbound_routes). There is one model: every write is a DID write through the DIDs service, so
// its rules hold here too (the super-admin adds DIDs and changes their numbers, a tenant admin
// routes its own, destinations are checked within the tenant, every change reaches the rendered
// public context at once). Creating a route routes a DID of the tenant (the super-admin's also
// creates the DID, or takes it from stock); deleting it clears the DID's destination: the number
// stays the tenant's (a tenant admin cannot delete DIDs) and leaves the list and the dialplan.
import { authorize, scopeOf, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import { checkDestination, type DestinationTargets } from '../dialable/targets.ts';
import type { DidFields, DidRecord, DidsRepository } from '../dids/dids.repository.ts';
import type { DidsService } from '../dids/dids.service.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { InboundRouteCreate, InboundRouteFilter, InboundRouteUpdate, type InboundRouteUpdateInput, type InboundRouteView } from './inbound-routes.schema.ts';

const SORTABLE = { destination_number: 'phone', destination_uuid: 'uuid', destination_enabled: 'active', date_created: 'createdAt' };

/** The client's names of a destination's fields, for checkDestination's refusals. */
const TARGET_FIELDS = { type: 'destinationTargetType', value: 'destinationTarget' };

/** A routed DID: one with a destination and a tenant. */
export type RoutedDid = DidRecord & { tenantId: number; tenant: NonNullable<DidRecord['tenant']> };

const routed = (did: DidRecord | null): did is RoutedDid => !!did && did.destinationType !== '' && did.tenantId !== null && did.tenant !== null;

export function inboundRouteView(d: RoutedDid): InboundRouteView {
  const voicemail = d.destinationType === 'voicemail';
  return {
    destinationUuid: d.uuid,
    dialplanUuid: d.uuid,
    accountId: d.id,
    domainUuid: d.tenant.domainUuid,
    tenantId: d.tenantId,
    tenantName: d.tenant.name,
    destinationNumber: d.phone,
    destinationTargetType: d.destinationType,
    destinationTarget: d.destinationValue,
    destinationContext: 'public',
    destinationOrder: 100,
    destinationEnabled: d.active,
    destinationDescription: d.description,
    destinationCidNamePrefix: d.callerIdPrefix,
    // As xml-templates/dialplan/inbound-did.xml renders them.
    destinationApp: voicemail ? 'voicemail' : 'transfer',
    destinationData: voicemail ? `default ${d.tenant.domain} ${d.destinationValue}` : `${d.destinationValue} XML ${d.tenant.domain}`,
    dateCreated: unixSeconds(d.createdAt),
    lastUpdated: unixSeconds(d.updatedAt),
  };
}

/** The DID fields an input sets (the number, tenant and description are worked out apart). */
function fieldsOf(input: InboundRouteUpdateInput): DidFields {
  const fields: DidFields = {
    phone: input.destinationNumber,
    destinationType: input.destinationTargetType,
    destinationValue: input.destinationTarget,
    active: input.destinationEnabled,
    callerIdPrefix: input.destinationCidNamePrefix,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

export function createInboundRoutesService(deps: { dids: DidsRepository; didsService: DidsService; tenants: TenantsRepository; targets: DestinationTargets }) {
  const { dids, didsService, targets } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(uuid: string, ctx: Ctx, permission: string): Promise<RoutedDid> {
    authorize(ctx, permission);
    const did = await dids.findByUuid(uuid);
    if (!routed(did) || !reachesTenant(ctx.actor, did.tenantId)) throw notFound('Inbound route');
    return did;
  }

  /** The routed DID after a write through the DIDs service. */
  async function reread(id: number): Promise<RoutedDid> {
    const did = await dids.findById(id);
    if (!routed(did)) throw notFound('Inbound route');
    return did;
  }

  /** The DID a new route routes: the tenant's own, or (super-admin) one in stock or a new one. */
  async function didToRoute(phone: string, named: number | undefined, ctx: AuthedCtx): Promise<{ did: DidRecord | null; tenantId: number }> {
    const did = await dids.findByPhone(phone);
    const superAdmin = scopeOf(ctx.actor).kind === 'all';
    const tenantId = (await owningTenant(ctx, named ?? (superAdmin ? (did?.tenantId ?? undefined) : undefined), { shared: false, exists })) as number;
    // A tenant admin hears the same about another tenant's number as about a number nobody has.
    if (!superAdmin && did?.tenantId !== tenantId) throw validationFailed('destinationNumber', 'is not a DID of the tenant: the super-admin adds DIDs and assigns them');
    if (did && did.tenantId !== null && did.tenantId !== tenantId) throw conflict(`DID ${phone} belongs to another tenant`);
    if (did?.tenantId === tenantId && did.destinationType !== '') throw conflict(`DID ${phone} already has an inbound route: edit it`);
    return { did, tenantId };
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<RoutedDid>> {
      authorize(ctx, 'did_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'destination_number');
      const filter = parse(InboundRouteFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await dids.list(
        {
          ...tenants,
          routed: true,
          phone: filter.destinationNumber?.replace(/^\+/, ''),
          destinationType: filter.destinationTargetType,
          active: filter.destinationEnabled,
        },
        p,
      );
      return page(items.filter(routed), total, p);
    },

    get: (uuid: string, ctx: Ctx) => visible(uuid, ctx, 'did_read'),

    async create(raw: unknown, ctx: Ctx): Promise<RoutedDid> {
      authorize(ctx, 'did_update');
      const input = parse(InboundRouteCreate, raw);
      const { did, tenantId } = await didToRoute(input.destinationNumber, input.tenantId, ctx);
      await checkDestination(targets, tenantId, input.destinationTargetType, input.destinationTarget, TARGET_FIELDS);
      const { phone: _phone, ...fields } = fieldsOf(input);
      const route = { ...fields, active: input.destinationEnabled ?? true };
      // The form sends a null description by default: it does not clear the DID's own.
      const description = input.destinationDescription ? { description: input.destinationDescription } : {};
      const written = did
        ? await didsService.update(did.id, { ...route, ...description, ...(did.tenantId === tenantId ? {} : { tenantId }) }, ctx)
        : await didsService.create({ ...route, ...description, phone: input.destinationNumber, tenantId }, ctx);
      return reread(written.id);
    },

    async update(uuid: string, raw: unknown, ctx: Ctx): Promise<RoutedDid> {
      const before = await visible(uuid, ctx, 'did_update');
      const input = parse(InboundRouteUpdate, raw);
      // The edit form sends back the tenant it read: only a move is refused.
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot change: delete the route and route a DID of the other tenant');
      const fields = fieldsOf(input);
      if (input.destinationDescription !== undefined) fields.description = input.destinationDescription;
      if (fields.destinationType !== undefined || fields.destinationValue !== undefined) {
        await checkDestination(targets, before.tenantId, fields.destinationType ?? before.destinationType, fields.destinationValue ?? before.destinationValue, TARGET_FIELDS);
      }
      return reread((await didsService.update(before.id, fields, ctx)).id);
    },

    /** Clears the DID's route (its destination and caller-id name prefix); the DID stays the tenant's. */
    async remove(uuid: string, ctx: Ctx): Promise<void> {
      const before = await visible(uuid, ctx, 'did_update');
      await didsService.update(before.id, { destinationType: '', destinationValue: '', callerIdPrefix: '' }, ctx);
    },
  };
}

export type InboundRoutesService = ReturnType<typeof createInboundRoutesService>;
