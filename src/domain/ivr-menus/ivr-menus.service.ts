// IVR menus of a tenant. Scoping: the super-admin reaches all, a tenant admin its tenant's (another
// tenant's menu is not found). The menu's number is a number of the tenant's dial plan, free across
// everything dialable; each option and the exit name a destination of the tenant, checked by the
// module that owns its kind. A menu that a DID, another menu's option, ... points at cannot be
// deleted or renumbered (409).
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableNumbers } from '../dialable/numbers.ts';
import { checkDestination, DESTINATION_TYPES, EXTERNAL_NUMBER, type DestinationTargets } from '../dialable/targets.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { IvrMenuFields, IvrMenuOptionFields, IvrMenuRecord, IvrMenusRepository } from './ivr-menus.repository.ts';
import {
  IvrMenuCreate,
  IvrMenuFilter,
  IvrMenuUpdate,
  OPTION_ACTIONS,
  SOUND,
  type IvrMenuCreateInput,
  type IvrMenuOptionInput,
  type IvrMenuUpdateInput,
  type IvrMenuView,
} from './ivr-menus.schema.ts';

/** The dial string the ICTPBX client stores for a voicemail box (its pbx-destination.service.ts). */
const VOICEMAIL_DIAL_PREFIX = '*99';
/** The context word the client's form always writes after XML (ivr_menu-form.component.ts). */
const CLIENT_CONTEXT = 'default';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HANGUP_CAUSE = /^[A-Z_]{1,40}$/;
const SOUND_SHAPE = new RegExp(SOUND);

const SORTABLE = {
  ivr_menu_name: 'name',
  ivr_menu_extension: 'extension',
  ivr_menu_language: 'language',
  ivr_menu_uuid: 'id',
  date_created: 'createdAt',
  ivr_menu_enabled: 'enabled',
};

interface Destination {
  type: string;
  value: string;
}

const dialOf = (d: Destination) => (d.type === 'voicemail' ? `${VOICEMAIL_DIAL_PREFIX}${d.value}` : d.value);

/** An option's parameter as the client reads it back: a transfer as "<number> XML <context>". */
function paramView(o: IvrMenuRecord['options'][number], domain: string): string {
  if (o.action === 'transfer') return `${dialOf({ type: o.destinationType, value: o.destinationValue })} XML ${domain}`;
  if (o.action === 'menu' || o.action === 'voicemail') return o.destinationValue;
  return o.param;
}

export function ivrMenuView(m: IvrMenuRecord): IvrMenuView {
  const domain = m.tenant.domain;
  const exit = { type: m.exitType, value: m.exitValue };
  return {
    ivrMenuUuid: m.id,
    tenantId: m.tenantId,
    tenantName: m.tenant.name,
    domainUuid: m.tenant.domainUuid,
    domainName: domain,
    ivrMenuName: m.name,
    ivrMenuExtension: m.extension,
    ivrMenuLanguage: m.language,
    ivrMenuGreetLong: m.greetLong,
    ivrMenuGreetShort: m.greetShort,
    ivrMenuInvalidSound: m.invalidSound,
    ivrMenuExitSound: m.exitSound,
    ivrMenuTimeout: m.timeout,
    ivrMenuMaxFailures: m.maxFailures,
    ivrMenuMaxTimeouts: m.maxTimeouts,
    ivrMenuExitApp: m.exitApp,
    ivrMenuExitData: m.exitApp === 'transfer' ? `${dialOf(exit)} XML ${domain}` : m.exitApp === 'voicemail' ? m.exitValue : '',
    ivrMenuDirectDial: m.directDial,
    ivrMenuEnabled: m.enabled,
    ivrMenuDescription: m.description,
    ivrMenuContext: domain,
    ivrMenuFreeswitchName: m.id,
    options: m.options.map((o) => ({
      ivrMenuOptionUuid: o.id,
      ivrMenuOptionDigits: o.digits,
      ivrMenuOptionAction: o.action,
      ivrMenuOptionParam: paramView(o, domain),
      ivrMenuOptionOrder: o.position,
      ivrMenuOptionDescription: o.description,
      ivrMenuOptionEnabled: o.enabled,
      destinationType: o.destinationType,
    })),
    dateCreated: unixSeconds(m.createdAt),
    lastUpdated: unixSeconds(m.updatedAt),
  };
}

export function createIvrMenusService(deps: {
  ivrMenus: IvrMenusRepository;
  tenants: TenantsRepository;
  dialable: DialableNumbers;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { ivrMenus, dialable, targets, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: string, ctx: Ctx, permission: string): Promise<IvrMenuRecord> {
    authorize(ctx, permission);
    const menu = await ivrMenus.findById(id);
    if (!menu || !reachesTenant(ctx.actor, menu.tenantId)) throw notFound('IVR menu');
    return menu;
  }

  async function domainOf(tenantId: number): Promise<string> {
    return (await deps.tenants.findById(tenantId))?.domain ?? '';
  }



  /**
   * A destination the client wrote as "<number>" or "<number> XML <context>" (the context is the
   * client's word 'default' or the tenant's domain: the call always stays in the tenant's): a
   * mailbox (*99<box>), what holds the number in the tenant, or an external number.
   */
  async function destinationOf(tenantId: number, domain: string, own: string, raw: string, field: string): Promise<Destination> {
    const [dial, xml, context] = raw.split(' ');
    if (xml !== undefined && context !== CLIENT_CONTEXT && context !== domain) throw validationFailed(field, `must name the tenant's context (${domain}) or ${CLIENT_CONTEXT}`);
    let type: string;
    let value = dial;
    if (dial.startsWith(VOICEMAIL_DIAL_PREFIX)) {
      type = 'voicemail';
      value = dial.slice(VOICEMAIL_DIAL_PREFIX.length);
    } else {
      const holders = await dialable.conflicts(tenantId, dial);
      const held = holders.find((h) => (DESTINATION_TYPES as readonly string[]).includes(h.type));
      if (held) type = held.type;
      else if (holders.length === 0 && EXTERNAL_NUMBER.test(dial)) type = 'external';
      else throw validationFailed(field, 'names nothing a call can be sent to in the tenant');
    }
    if (type === 'ivr' && value === own) throw validationFailed(field, 'must not be the menu itself (its callers are already there)');
    await checkDestination(targets, tenantId, type, value, { type: field, value: field });
    return { type, value };
  }

  /** Another menu of the tenant, named by its number or its uuid. */
  async function menuOf(tenantId: number, own: string, raw: string, field: string): Promise<Destination> {
    let number = raw;
    if (UUID.test(raw)) {
      const other = await ivrMenus.findById(raw.toLowerCase());
      if (!other || other.tenantId !== tenantId) throw validationFailed(field, 'names no IVR menu of the tenant');
      number = other.extension;
    }
    if (number === own) throw validationFailed(field, 'must not be the menu itself (its callers are already there)');
    await checkDestination(targets, tenantId, 'ivr', number, { type: field, value: field });
    return { type: 'ivr', value: number };
  }

  async function optionOf(tenantId: number, domain: string, own: string, o: IvrMenuOptionInput, i: number): Promise<IvrMenuOptionFields> {
    const at = `options/${i}`;
    const action = o.ivrMenuOptionAction ?? 'transfer';
    const param = (o.ivrMenuOptionParam ?? '').trim();
    const field = `${at}/ivrMenuOptionParam`;
    if (!(OPTION_ACTIONS as readonly string[]).includes(action)) {
      throw validationFailed(`${at}/ivrMenuOptionAction`, `must be one of ${OPTION_ACTIONS.join(', ')} (${action} is not rendered: it could set any channel variable or needs a module Switchyard does not configure)`);
    }
    let destination: Destination = { type: '', value: '' };
    let kept = '';
    if (action === 'transfer') {
      if (!param) throw validationFailed(field, 'is required for a transfer: the number to send the caller to');
      destination = await destinationOf(tenantId, domain, own, param, field);
    } else if (action === 'menu') {
      if (!param) throw validationFailed(field, 'is required: the other menu’s number or uuid');
      destination = await menuOf(tenantId, own, param, field);
    } else if (action === 'voicemail') {
      const box = param.startsWith(VOICEMAIL_DIAL_PREFIX) ? param.slice(VOICEMAIL_DIAL_PREFIX.length) : param;
      if (!/^[0-9]{2,10}$/.test(box)) throw validationFailed(field, 'must be the mailbox (an extension number of the tenant)');
      await checkDestination(targets, tenantId, 'voicemail', box, { type: field, value: field });
      destination = { type: 'voicemail', value: box };
    } else if (action === 'playback') {
      if (!param || !SOUND_SHAPE.test(param)) throw validationFailed(field, 'must be a stock sound path, phrase:<macro> or say:<text>');
      kept = param;
    } else if (action === 'hangup') {
      if (param && !HANGUP_CAUSE.test(param)) throw validationFailed(field, 'must be a hangup cause such as NORMAL_CLEARING, or empty');
      kept = param;
    } else if (param) {
      throw validationFailed(field, 'must be empty for check_voicemail');
    }
    return {
      digits: o.ivrMenuOptionDigits,
      action,
      param: kept,
      destinationType: destination.type,
      destinationValue: destination.value,
      position: o.ivrMenuOptionOrder ?? (i + 1) * 10,
      description: o.ivrMenuOptionDescription ?? '',
      enabled: o.ivrMenuOptionEnabled ?? true,
    };
  }

  /** The options in their order; two options on the same keys are refused (FreeSWITCH would run both). */
  async function optionsOf(tenantId: number, own: string, given: readonly IvrMenuOptionInput[]): Promise<IvrMenuOptionFields[]> {
    const seen = new Map<string, number>();
    given.forEach((o, i) => {
      const before = seen.get(o.ivrMenuOptionDigits);
      if (before !== undefined) throw validationFailed(`options/${i}/ivrMenuOptionDigits`, `repeats option ${before}'s keys ${o.ivrMenuOptionDigits}`);
      seen.set(o.ivrMenuOptionDigits, i);
    });
    const domain = await domainOf(tenantId);
    const options: IvrMenuOptionFields[] = [];
    for (const [i, o] of given.entries()) options.push(await optionOf(tenantId, domain, own, o, i));
    return options.map((o, i) => ({ o, i })).sort((a, b) => a.o.position - b.o.position || a.i - b.i).map(({ o }) => o);
  }

  /** The exit: a transfer to a destination, a mailbox, or nothing (hang up). Data left over from another choice is dropped. */
  async function exitOf(tenantId: number, own: string, app: string, data: string): Promise<Pick<IvrMenuFields, 'exitApp' | 'exitType' | 'exitValue'>> {
    if (app === 'transfer') {
      if (!data) throw validationFailed('ivrMenuExitData', 'is required for a transfer: the number callers go to when the menu ends');
      const d = await destinationOf(tenantId, await domainOf(tenantId), own, data, 'ivrMenuExitData');
      return { exitApp: app, exitType: d.type, exitValue: d.value };
    }
    if (app === 'voicemail') {
      const box = data.split(' ')[0].replace(/^\*99/, '');
      if (!/^[0-9]{2,10}$/.test(box)) throw validationFailed('ivrMenuExitData', 'must be the mailbox (an extension number of the tenant)');
      await checkDestination(targets, tenantId, 'voicemail', box, { type: 'ivrMenuExitApp', value: 'ivrMenuExitData' });
      return { exitApp: app, exitType: 'voicemail', exitValue: box };
    }
    return { exitApp: app, exitType: '', exitValue: '' };
  }

  /** The fields an input writes (options and the exit apart). */
  function fieldsOf(input: IvrMenuCreateInput | IvrMenuUpdateInput): IvrMenuFields {
    const fields: IvrMenuFields = {
      name: input.ivrMenuName,
      extension: input.ivrMenuExtension,
      language: input.ivrMenuLanguage,
      greetLong: input.ivrMenuGreetLong,
      greetShort: input.ivrMenuGreetShort,
      invalidSound: input.ivrMenuInvalidSound,
      exitSound: input.ivrMenuExitSound,
      timeout: input.ivrMenuTimeout,
      maxFailures: input.ivrMenuMaxFailures,
      maxTimeouts: input.ivrMenuMaxTimeouts,
      directDial: input.ivrMenuDirectDial,
      enabled: input.ivrMenuEnabled,
      description: input.ivrMenuDescription,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as IvrMenuFields;
  }

  async function announce(menu: IvrMenuRecord, ctx: AuthedCtx, action: string, what: string): Promise<void> {
    await changes.publish({ entity: 'ivr_menu', tenantId: menu.tenantId, id: menu.id, domain: menu.tenant.domain });
    await activity.record(ctx, action, `${what} IVR Menu ${menu.extension}@${menu.tenant.domain} -ID:${menu.id}`, { tenantId: menu.tenantId });
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<IvrMenuRecord>> {
      authorize(ctx, 'ivr_menu_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'ivr_menu_extension');
      const filter = parse(IvrMenuFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await ivrMenus.list(
        { tenantIds: tenants?.tenantIds as number[] | undefined, extension: filter.ivrMenuExtension, name: filter.ivrMenuName, enabled: filter.ivrMenuEnabled },
        p,
      );
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'ivr_menu_read'),

    async create(raw: unknown, ctx: Ctx): Promise<IvrMenuRecord> {
      authorize(ctx, 'ivr_menu_create');
      const input = parse(IvrMenuCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const number = input.ivrMenuExtension;
      const options = await optionsOf(tenantId, number, input.options ?? []);
      const exit = await exitOf(tenantId, number, input.ivrMenuExitApp ?? '', input.ivrMenuExitData ?? '');
      await dialable.assertFree(tenantId, number);
      const menu = await ivrMenus.create({ ...fieldsOf(input), ...exit, name: input.ivrMenuName, extension: number, tenantId }, options);
      await announce(menu, ctx, 'ivr_menu_created', 'Create');
      return menu;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<IvrMenuRecord> {
      const before = await visible(id, ctx, 'ivr_menu_update');
      const input = parse(IvrMenuUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed: create the IVR menu in the other tenant');
      const fields = fieldsOf(input);
      const number = fields.extension ?? before.extension;
      if (number !== before.extension) {
        await targets.assertUnreferenced(before.tenantId, 'ivr', { number: before.extension, id: before.id }, 'IVR menu', 'renumbered');
        await dialable.assertFree(before.tenantId, number, { type: 'ivr', id: before.id });
      }
      const options = input.options === undefined ? undefined : await optionsOf(before.tenantId, number, input.options ?? []);
      const exitGiven = input.ivrMenuExitApp !== undefined || input.ivrMenuExitData !== undefined;
      const beforeData = ivrMenuView(before).ivrMenuExitData;
      const exit = exitGiven ? await exitOf(before.tenantId, number, input.ivrMenuExitApp ?? before.exitApp, input.ivrMenuExitData ?? beforeData) : {};
      const menu = await ivrMenus.update(id, before.tenantId, { ...fields, ...exit }, options);
      await announce(menu, ctx as AuthedCtx, 'ivr_menu_updated', 'Update');
      return menu;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const menu = await visible(id, ctx, 'ivr_menu_delete');
      await targets.assertUnreferenced(menu.tenantId, 'ivr', { number: menu.extension, id: menu.id }, 'IVR menu', 'deleted');
      await ivrMenus.delete(id);
      await announce(menu, ctx as AuthedCtx, 'ivr_menu_deleted', 'Delete');
    },
  };
}

export type IvrMenusService = ReturnType<typeof createIvrMenusService>;
