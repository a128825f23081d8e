// Follow-me of a tenant's extensions. Scoping: the super-admin reaches all, a tenant admin its
// tenant's (another tenant's follow-me is not found, another tenant's extension names nothing).
// One follow-me per extension (409 for a second); its destinations are extensions of the tenant or
// external numbers (dialled through the tenant's outbound routes), kept in their order. Whether it
// rings is its extension's follow_me_enabled, written here and by the extension's own form.
// Its toggle code (*21) sets that state from a phone: `setByCode` below is what Switchyard does
// when the switch reports it dialled.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableNumbers } from '../dialable/numbers.ts';
import { EXTERNAL_NUMBER } from '../dialable/targets.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { FollowMeDestinationFields, FollowMeFields, FollowMeRecord, FollowMeRepository } from './follow-me.repository.ts';
import { FollowMeCreate, FollowMeFilter, FollowMeUpdate, SECONDS, type FollowMeCreateInput, type FollowMeDestinationInput, type FollowMeUpdateInput, type FollowMeView } from './follow-me.schema.ts';

const SORTABLE = { follow_me_uuid: 'id', date_created: 'createdAt', extension_uuid: 'extensionId' };

/** The order the view gives the destinations: the form's own numbering (10, 20, ...). */
const ORDER_STEP = 10;

export function followMeView(f: FollowMeRecord): FollowMeView {
  return {
    followMeUuid: f.id,
    tenantId: f.tenantId,
    tenantName: f.tenant.name,
    domainUuid: f.tenant.domainUuid,
    domainName: f.tenant.domain,
    extensionUuid: f.extensionId,
    extensionNumber: f.extension.extension,
    followMeEnabled: f.extension.followMeEnabled,
    followMeIgnoreBusy: f.ignoreBusy,
    cidNamePrefix: f.cidNamePrefix,
    cidNumberPrefix: f.cidNumberPrefix,
    dialString: '',
    destinations: f.destinations.map((d, i) => ({
      followMeDestinationUuid: d.id,
      followMeDestination: d.number,
      followMeDestinationType: d.kind,
      followMeDelay: d.delay,
      followMeTimeout: d.timeout,
      followMePrompt: d.prompt,
      followMeOrder: (i + 1) * ORDER_STEP,
    })),
    dateCreated: unixSeconds(f.createdAt),
    lastUpdated: unixSeconds(f.updatedAt),
  };
}

export function createFollowMeService(deps: { followMe: FollowMeRepository; dialable: DialableNumbers; changes: ChangeBus; activity: ActivityLog }) {
  const { followMe, dialable, changes, activity } = deps;

  async function visible(id: string, ctx: Ctx, permission: string): Promise<FollowMeRecord> {
    authorize(ctx, permission);
    const found = await followMe.findById(id);
    if (!found || !reachesTenant(ctx.actor, found.tenantId)) throw notFound('Follow-me');
    return found;
  }

  /** The extension named, reached by the actor, of the tenant named (if any), without another follow-me. */
  async function extensionFor(ctx: AuthedCtx, extensionId: string, tenantId: number | undefined, except?: string): Promise<{ id: string; tenantId: number }> {
    const ext = await followMe.extension(extensionId);
    if (!ext || !reachesTenant(ctx.actor, ext.tenantId)) throw validationFailed('extensionUuid', 'names no extension of the tenant');
    if (tenantId !== undefined && tenantId !== ext.tenantId) throw validationFailed('tenantId', "is not the extension's tenant");
    if (ext.followMeId !== null && ext.followMeId !== except) throw conflict('The extension has a follow-me already: edit that one');
    return ext;
  }

  /** The destinations in their order (rows left empty skipped), each an extension of the tenant or an external number. */
  async function destinationsOf(tenantId: number, given: readonly FollowMeDestinationInput[]): Promise<FollowMeDestinationFields[]> {
    given.forEach((d, i) => {
      for (const [field, [min, max]] of Object.entries(SECONDS)) {
        const v = d[field as keyof typeof SECONDS];
        if (v !== undefined && (v < min || v > max)) throw validationFailed(`destinations/${i}/${field}`, `must be a whole number from ${min} to ${max}`);
      }
    });
    const ordered = given
      .map((d, i) => ({ d, i, number: d.followMeDestination ?? '' }))
      .filter(({ number }) => number !== '')
      .sort((a, b) => (a.d.followMeOrder ?? (a.i + 1) * ORDER_STEP) - (b.d.followMeOrder ?? (b.i + 1) * ORDER_STEP) || a.i - b.i);
    const numbers = [...new Set(ordered.map(({ number }) => number))];
    const holders = await Promise.all(numbers.map(async (n) => [n, await dialable.conflicts(tenantId, n)] as const));
    const extensions = new Set(holders.filter(([, held]) => held.some((h) => h.type === 'extension')).map(([n]) => n));
    return ordered.map(({ d, i, number }) => {
      const kind = extensions.has(number) ? 'extension' : 'external';
      if (kind === 'external' && !EXTERNAL_NUMBER.test(number)) throw validationFailed(`destinations/${i}/followMeDestination`, 'must be an extension of the tenant or an external number');
      return { number, kind, delay: d.followMeDelay ?? 0, timeout: d.followMeTimeout ?? 30, prompt: d.followMePrompt ?? false };
    });
  }

  function fieldsOf(input: FollowMeCreateInput | FollowMeUpdateInput): FollowMeFields {
    const fields: FollowMeFields = { cidNamePrefix: input.cidNamePrefix, cidNumberPrefix: input.cidNumberPrefix, ignoreBusy: input.followMeIgnoreBusy };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as FollowMeFields;
  }

  async function announce(f: FollowMeRecord, ctx: AuthedCtx, action: string, what: string): Promise<void> {
    await changes.publish({ entity: 'follow_me', tenantId: f.tenantId, id: f.id, domain: f.tenant.domain });
    await activity.record(ctx, action, `${what} Follow Me ${f.extension.extension}@${f.tenant.domain} -ID:${f.id}`, { tenantId: f.tenantId });
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<FollowMeRecord>> {
      authorize(ctx, 'follow_me_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'date_created');
      const filter = parse(FollowMeFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await followMe.list({ tenantIds: tenants?.tenantIds as number[] | undefined, extensionId: filter.extensionUuid, enabled: filter.followMeEnabled }, p);
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'follow_me_read'),

    async create(raw: unknown, ctx: Ctx): Promise<FollowMeRecord> {
      authorize(ctx, 'follow_me_create');
      const input = parse(FollowMeCreate, raw);
      const ext = await extensionFor(ctx as AuthedCtx, input.extensionUuid, input.tenantId);
      const destinations = await destinationsOf(ext.tenantId, input.destinations ?? []);
      const created = await followMe.create({ ...fieldsOf(input), tenantId: ext.tenantId, extensionId: ext.id }, input.followMeEnabled ?? false, destinations);
      await announce(created, ctx as AuthedCtx, 'follow_me_created', 'Create');
      return created;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<FollowMeRecord> {
      const before = await visible(id, ctx, 'follow_me_update');
      const input = parse(FollowMeUpdate, raw);
      const extensionId = input.extensionUuid ?? before.extensionId;
      if (extensionId !== before.extensionId || (input.tenantId !== undefined && input.tenantId !== before.tenantId)) {
        const ext = await extensionFor(ctx as AuthedCtx, extensionId, input.tenantId, before.id);
        if (ext.tenantId !== before.tenantId) throw validationFailed('extensionUuid', 'names no extension of the tenant');
      }
      const destinations = input.destinations === undefined ? undefined : await destinationsOf(before.tenantId, input.destinations ?? []);
      // Moved to another extension, the follow-me keeps its state unless the input sets it.
      const enabled = input.followMeEnabled ?? (extensionId === before.extensionId ? undefined : before.extension.followMeEnabled);
      const updated = await followMe.update(before, { fields: fieldsOf(input), extensionId, enabled, destinations });
      await announce(updated, ctx as AuthedCtx, 'follow_me_updated', 'Update');
      return updated;
    },

    /**
     * The toggle code was dialled from extension `extension` of the tenant of `domain` (the switch's
     * event says so): sets its follow-me on or off and announces it. False when it has none.
     */
    async setByCode(domain: string, extension: string, enabled: boolean): Promise<boolean> {
      const f = await followMe.setEnabledByNumber(domain, extension, enabled);
      if (!f) return false;
      await changes.publish({ entity: 'follow_me', tenantId: f.tenantId, id: f.id, domain: f.tenant.domain });
      return true;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const found = await visible(id, ctx, 'follow_me_delete');
      await followMe.delete(id, found.extensionId);
      await announce(found, ctx as AuthedCtx, 'follow_me_deleted', 'Delete');
    },
  };
}

export type FollowMeService = ReturnType<typeof createFollowMeService>;
