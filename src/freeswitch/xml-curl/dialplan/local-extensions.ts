// The tenant's extensions: ring the user, honour forwarding and do-not-disturb, then voicemail.
// An extension answers on its number and on its number alias. An extension whose follow-me is on
// rings it and its follow-me destinations by one bridge (follow-me.ts); forward-all and
// do-not-disturb come first, as without it. Busy, no-answer and not-registered forwarding need
// the bridge's outcome, which only exists at run time, so the call is transferred to
// "failover~<extension>~${originate_disposition}" and routed again: USER_BUSY goes to the busy
// forward, USER_NOT_REGISTERED to the not-registered forward (as FusionPBX's failure_handler.lua
// does), anything else to the no-answer forward (each falling back to voicemail).
//
// Forward-all and do-not-disturb are also set from the phone by the feature codes (*72/*73,
// *78/*79: feature-state.xml). FusionPBX's Lua writes them into its own tables; Switchyard's
// dialplan cannot write its database, so the codes keep them in FreeSWITCH's mod_db (realms
// "<domain>-forward" and "<domain>-dnd", key the extension) and the extension is rendered once
// per state they can set, each behind ${db(select/<realm>/<extension>)} conditions that FreeSWITCH
// evaluates at call time (mod_db.c db_api_function "select"). Why mod_db: it is stock and loaded
// (db.conf is fetched at start, ../shared captures), it survives restarts (the core db, or ODBC
// shared by every node with db.conf's odbc-dsn), and it needs no credential or URL in the rendered
// XML (mod_curl calling Switchyard's API would, and /dialplans shows that XML to tenant admins).
// What a code set wins over the extension's fields until another code changes it: "true"/"false"
// for do-not-disturb, digits or "false" for forwarding; nothing set leaves the fields in force.
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { trusted, type TrustedText } from '../templates/trusted-text.ts';
import { greetingKey, type DialplanFollowMe, type DialplanRepository, type LocalExtension } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';
import { followMeBridge } from './follow-me.ts';
import { extensionsByNumber } from './legs.ts';

export const FAILOVER_PREFIX = 'failover~';

interface Rendered {
  /** The extensions FreeSWITCH tries for the number, in order: the code-set states, then the fields'. */
  main: string[];
  failover: { test: RegExp; xml: string }[];
}

interface State {
  field: TrustedText;
  expression: string;
}

/** The conditions on what the feature codes set (feature-state.xml writes these realms). */
function codeState(domain: string, number: string) {
  const read = (realm: string) => trusted(`\${db(select/${domain}-${realm}/${number})}`);
  return {
    dndOn: { field: read('dnd'), expression: '^true$' },
    dndOff: { field: read('dnd'), expression: '^false$' },
    forwarded: { field: read('forward'), expression: '^[0-9]+$' },
    forwardOff: { field: read('forward'), expression: '^false$' },
    forwardTarget: read('forward'),
  };
}

/** The follow-me bridge of an extension, or null when it rings alone. */
type FollowMeOf = (ext: LocalExtension) => ReturnType<typeof followMeBridge>;

function render(ext: LocalExtension, tenant: DialplanTenant, templates: TemplateStore, followMe: FollowMeOf, greeting: string): Rendered {
  const context = tenant.domain;
  const number = ext.extension;
  const withFollowMe = followMe(ext);
  const forward = (enabled: boolean, destination: string) => (enabled ? destination : '');
  const busyTarget = forward(ext.forwardBusyEnabled, ext.forwardBusyDestination);
  const noAnswerTarget = forward(ext.forwardNoAnswerEnabled, ext.forwardNoAnswerDestination);
  const notRegisteredTarget = forward(ext.forwardUserNotRegisteredEnabled, ext.forwardUserNotRegisteredDestination);
  const forwarding = busyTarget || noAnswerTarget || notRegisteredTarget;
  const failoverBase = `${FAILOVER_PREFIX}${number}~`;
  // The box's chosen greeting (voicemails module): mod_voicemail plays voicemail_greeting_path when set.
  const common = { context, number, voicemail: ext.voicemailEnabled, greeting };
  const dialled = ext.numberAlias ? `(?:${escapeRegExp(number)}|${escapeRegExp(ext.numberAlias)})` : escapeRegExp(number);
  const callGroups = ext.callGroup ? ext.callGroup.split(',').map((g) => g.trim()).filter(Boolean) : [];
  const variant = (suffix: string, states: State[], doNotDisturb: boolean, forwardAll: string | TrustedText) =>
    templates.get('dialplan/local-extension.xml').render({
      ...common,
      name: `local-${number}${suffix}`,
      states,
      expression: `^${dialled}$`,
      forwardAll,
      doNotDisturb,
      callTimeout: withFollowMe?.callTimeout ?? ext.callTimeout,
      bridge: withFollowMe?.bridge ?? `user/${number}@${context}`,
      cidNamePrefix: withFollowMe?.cidNamePrefix ?? '',
      cidNumberPrefix: withFollowMe?.cidNumberPrefix ?? '',
      callGroups,
      failover: forwarding ? trusted(`${failoverBase}${doNotDisturb ? 'USER_BUSY' : '${originate_disposition}'}`) : '',
      hangupCause: doNotDisturb ? 'USER_BUSY' : trusted('${originate_disposition}'),
    });
  const state = codeState(context, number);
  const fieldForward = ext.forwardAllEnabled ? ext.forwardAllDestination : '';
  const main = [
    variant('-dnd', [state.dndOn], true, ''),
    variant('-forward', [state.forwarded], false, state.forwardTarget),
    // A code's "false" only differs from the fields when a field is on.
    ...(ext.doNotDisturb || fieldForward ? [variant('-ring', [state.dndOff, state.forwardOff], false, '')] : []),
    ...(fieldForward ? [variant('-forward-off', [state.forwardOff], ext.doNotDisturb, '')] : []),
    ...(ext.doNotDisturb ? [variant('-dnd-off', [state.dndOff], false, fieldForward)] : []),
    variant('', [], ext.doNotDisturb, fieldForward),
  ];
  if (!forwarding) return { main, failover: [] };
  const failoverTemplate = templates.get('dialplan/local-extension-failover.xml');
  const fragment = (suffix: string, expression: string, target: string, hangupCause: string) => ({
    test: new RegExp(expression),
    xml: failoverTemplate.render({ ...common, name: `local-${number}-${suffix}`, expression, target, hangupCause }),
  });
  const exactly = (disposition: string) => `^${escapeRegExp(failoverBase)}${disposition}$`;
  return {
    main,
    failover: [
      fragment('busy', exactly('USER_BUSY'), busyTarget, 'USER_BUSY'),
      // Not registered without its own forward is handled as no answer (the next fragment).
      ...(notRegisteredTarget ? [fragment('not-registered', exactly('USER_NOT_REGISTERED'), notRegisteredTarget, 'USER_NOT_REGISTERED')] : []),
      fragment('no-answer', `^${escapeRegExp(failoverBase)}`, noAnswerTarget, 'NO_ANSWER'),
    ],
  };
}

export function localExtensionsProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'local-extensions',
    order: 200,
    async load({ tenant }, templates) {
      const [extensions, followMes, greetings] = await Promise.all([repo.extensions(tenant.id), repo.followMe(tenant.id), repo.chosenGreetings(tenant.id)]);
      const byNumber = extensionsByNumber(extensions);
      const followMeByExtension = new Map<string, DialplanFollowMe>(followMes.map((f) => [f.extension, f]));
      const followMe: FollowMeOf = (ext) => {
        const f = followMeByExtension.get(ext.extension);
        return f ? followMeBridge(ext, f, byNumber, tenant.domain) : null;
      };
      const rendered = new Map<string, Rendered>();
      const inOrder: Rendered[] = [];
      for (const ext of extensions) {
        const r = render(ext, tenant, templates, followMe, greetings.get(greetingKey(tenant.domain, ext.extension)) ?? '');
        inOrder.push(r);
        rendered.set(ext.extension, r);
        if (ext.numberAlias) rendered.set(ext.numberAlias, r);
      }
      return {
        // An extension rings its follow-me destinations as they are now (enabled, in do-not-disturb or not).
        tags: [tags.extensionsOf(tenant.id), tags.followMeOf(tenant.id), tags.voicemailsOf(tenant.id)],
        extensions: {
          match(destination) {
            const direct = rendered.get(destination);
            if (direct) return direct.main;
            if (!destination.startsWith(FAILOVER_PREFIX)) return [];
            const number = destination.slice(FAILOVER_PREFIX.length, destination.lastIndexOf('~'));
            return (rendered.get(number)?.failover ?? []).filter((f) => f.test.test(destination)).map((f) => f.xml);
          },
          all: () => inOrder.flatMap((r) => [...r.main, ...r.failover.map((f) => f.xml)]),
        },
      };
    },
  };
}
