// The tenant's enabled ring groups, each on its number, rung without Lua: FusionPBX's ring group
// script (app/switch/resources/scripts/app/ring_groups/index.lua) builds one bridge dial string,
// and this renders the same string once, when the context is compiled.
//
// Each member is a leg (legs.ts: an extension by user/, an external number by a loopback leg into
// the tenant's context, each with its leg_timeout and leg_delay_start); legs join with "," (all
// at once) or "|" (one after the other), behind `{ignore_early_media=true}` as FusionPBX's script
// does. Enterprise legs join with ":_:"
// (SWITCH_ENT_ORIGINATE_DELIM, switch_types.h), each its own `{originate_timeout=..,
// originate_delay_start=<ms>}` (enterprise originate cannot read leg_delay_start; the variables'
// documentation on developer.signalwire.com). Rollover bridges each member on its own (one bridge
// action per member, as the script's rollover loop does), so a busy member rolls over at once.
//
// The group's call timeout bounds how long it rings before the timeout destination: at once
// (simultaneous, enterprise) a member rings at most until then, and one after the other
// (sequence, random, rollover) members ring while time is left, the last for what remains.
//
// Random: the rendered context is cached (and so is each answer, per number dialled), so the order
// cannot be drawn when rendering. The group is rendered once per rotation of its members (at most
// 16), each behind a condition on the channel's `uuid` field (switch_caller.c
// switch_caller_get_field_by_name) matching a set of hex digits its first character may take; a
// uuid is random, so each call starts with a member picked at random and goes round from there.
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { trusted } from '../templates/trusted-text.ts';
import { greetingKey, type DialplanRepository, type DialplanRingGroup, type LocalExtension } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp, fragmentSet, type Fragment } from './extension-provider.ts';
import { extensionsByNumber, perLeg, targetOf, vars, type Leg } from './legs.ts';

const HEX = '0123456789abcdef';
const MAX_ROTATIONS = 16;

/** Legs rung at once: each rings at most until the group's timeout. */
function atOnce(legs: Leg[], callTimeout: number): Leg[] {
  return legs.filter((l) => l.delay < callTimeout).map((l) => ({ ...l, timeout: Math.min(l.timeout, callTimeout - l.delay) }));
}

/** Legs rung one after the other: while time is left, the last for what remains. */
function inTurn(legs: Leg[], callTimeout: number): Leg[] {
  const kept: Leg[] = [];
  let left = callTimeout;
  for (const leg of legs) {
    if (left <= leg.delay) break;
    const timeout = Math.min(leg.timeout, left - leg.delay);
    kept.push({ ...leg, timeout });
    left -= leg.delay + timeout;
  }
  return kept;
}

/** The bridge actions' data for the legs, in order. */
function bridges(strategy: string, legs: Leg[], callTimeout: number): string[] {
  switch (strategy) {
    case 'enterprise': {
      const kept = atOnce(legs, callTimeout);
      return kept.length ? [kept.map((l) => `{${vars([['originate_timeout', l.timeout], ['originate_delay_start', l.delay * 1000]])}}${l.target}`).join(':_:')] : [];
    }
    case 'rollover':
      // Each member is its own bridge: there is nothing to delay it against.
      return inTurn(legs.map((l) => ({ ...l, delay: 0 })), callTimeout).map((l) => `{ignore_early_media=true,originate_timeout=${l.timeout}}${l.target}`);
    case 'sequence':
    case 'random': {
      const kept = inTurn(legs, callTimeout);
      return kept.length ? [`{ignore_early_media=true}${kept.map(perLeg).join('|')}`] : [];
    }
    default: {
      const kept = atOnce(legs, callTimeout);
      return kept.length ? [`{ignore_early_media=true}${kept.map(perLeg).join(',')}`] : [];
    }
  }
}

/** The hex digits (either case) a uuid's first character takes for rotation `r` of `count`. */
function pickOf(r: number, count: number): string {
  const digits = [...HEX].filter((_, v) => v % count === r);
  const both = digits.flatMap((d) => (/[a-f]/.test(d) ? [d, d.toUpperCase()] : [d]));
  return `^[${both.join('')}]`;
}

function render(group: DialplanRingGroup, tenant: DialplanTenant, extensions: Map<string, LocalExtension>, templates: TemplateStore, greetings: Map<string, string>): Fragment[] {
  const context = tenant.domain;
  const expression = `^${escapeRegExp(group.extension)}$`;
  const legs = group.members.flatMap((m) => {
    const target = targetOf(m, extensions, context);
    return target ? [{ target, delay: m.delay, timeout: m.timeout }] : [];
  });
  const voicemail = group.timeoutType === 'voicemail';
  const common = {
    expression,
    context,
    callerIdName: group.callerIdName,
    cidNamePrefix: group.cidNamePrefix,
    callerIdNumber: group.callerIdNumber,
    cidNumberPrefix: group.cidNumberPrefix,
    // Only stock globals reach here (the schema's RINGBACK: a tone like us-ring, or hold_music).
    ringback: group.ringback ? trusted(`$\${${group.ringback}}`) : '',
    transfer: group.timeoutType && !voicemail ? group.timeoutValue : '',
    voicemail: voicemail ? group.timeoutValue : '',
    // The box's chosen greeting (voicemails module), played by mod_voicemail from voicemail_greeting_path.
    greeting: voicemail ? (greetings.get(greetingKey(context, group.timeoutValue)) ?? '') : '',
    hangup: group.timeoutType ? '' : trusted('${originate_disposition}'),
  };
  const template = templates.get('dialplan/ring-group.xml');
  const test = new RegExp(expression);
  const name = `ring-group-${group.extension}`;
  if (group.strategy !== 'random' || legs.length < 2) {
    return [{ test, xml: template.render({ ...common, name, bridges: bridges(group.strategy, legs, group.callTimeout).map(trusted) }) }];
  }
  const count = Math.min(legs.length, MAX_ROTATIONS);
  return Array.from({ length: count }, (_, r) => {
    const start = Math.floor((r * legs.length) / count);
    const rotated = [...legs.slice(start), ...legs.slice(0, start)];
    return {
      test,
      xml: template.render({ ...common, name: `${name}-${r}`, pick: pickOf(r, count), bridges: bridges(group.strategy, rotated, group.callTimeout).map(trusted) }),
    };
  });
}

export function ringGroupsProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'ring-groups',
    order: 300,
    async load({ tenant }, templates) {
      const [groups, extensions, greetings] = await Promise.all([repo.ringGroups(tenant.id), repo.extensions(tenant.id), repo.chosenGreetings(tenant.id)]);
      const byNumber = extensionsByNumber(extensions);
      return {
        // Members ring as their extensions are now: enabled, in do-not-disturb or not.
        tags: [tags.ringGroupsOf(tenant.id), tags.extensionsOf(tenant.id), tags.voicemailsOf(tenant.id)],
        extensions: fragmentSet(groups.flatMap((g) => render(g, tenant, byNumber, templates, greetings))),
      };
    },
  };
}
