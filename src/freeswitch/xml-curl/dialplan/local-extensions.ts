// The tenant's extensions: ring the user, honour forwarding and do-not-disturb, then voicemail.
// An extension answers on its number and on its number alias. An extension whose follow-me is on
// rings it and its follow-me destinations by one bridge (follow-me.ts); forward-all and
// do-not-disturb come first, as without it. Busy, no-answer and not-registered forwarding need
// the bridge's outcome, which only exists at run time, so the call is transferred to
// "failover~<extension>~${originate_disposition}" and routed again: USER_BUSY goes to the busy
// forward, USER_NOT_REGISTERED to the not-registered forward (as FusionPBX's failure_handler.lua
// does), anything else to the no-answer forward (each falling back to voicemail).
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { trusted } from '../templates/trusted-text.ts';
import type { DialplanFollowMe, DialplanRepository, LocalExtension } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';
import { followMeBridge } from './follow-me.ts';
import { extensionsByNumber } from './legs.ts';

export const FAILOVER_PREFIX = 'failover~';

interface Rendered {
  main: string;
  failover: { test: RegExp; xml: string }[];
}

function render(ext: LocalExtension, tenant: DialplanTenant, templates: TemplateStore, followMe: FollowMeOf): Rendered {
  const context = tenant.domain;
  const number = ext.extension;
  const withFollowMe = followMe(ext);
  const forward = (enabled: boolean, destination: string) => (enabled ? destination : '');
  const busyTarget = forward(ext.forwardBusyEnabled, ext.forwardBusyDestination);
  const noAnswerTarget = forward(ext.forwardNoAnswerEnabled, ext.forwardNoAnswerDestination);
  const notRegisteredTarget = forward(ext.forwardUserNotRegisteredEnabled, ext.forwardUserNotRegisteredDestination);
  const forwarding = busyTarget || noAnswerTarget || notRegisteredTarget;
  const failoverBase = `${FAILOVER_PREFIX}${number}~`;
  const common = { context, number, voicemail: ext.voicemailEnabled };
  const dialled = ext.numberAlias ? `(?:${escapeRegExp(number)}|${escapeRegExp(ext.numberAlias)})` : escapeRegExp(number);
  const main = templates.get('dialplan/local-extension.xml').render({
    ...common,
    name: `local-${number}`,
    expression: `^${dialled}$`,
    forwardAll: ext.forwardAllEnabled ? ext.forwardAllDestination : '',
    doNotDisturb: ext.doNotDisturb,
    callTimeout: withFollowMe?.callTimeout ?? ext.callTimeout,
    bridge: withFollowMe?.bridge ?? `user/${number}@${context}`,
    cidNamePrefix: withFollowMe?.cidNamePrefix ?? '',
    cidNumberPrefix: withFollowMe?.cidNumberPrefix ?? '',
    failover: forwarding ? trusted(`${failoverBase}${ext.doNotDisturb ? 'USER_BUSY' : '${originate_disposition}'}`) : '',
    hangupCause: ext.doNotDisturb ? 'USER_BUSY' : trusted('${originate_disposition}'),
  });
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

/** The follow-me bridge of an extension, or null when it rings alone. */
type FollowMeOf = (ext: LocalExtension) => ReturnType<typeof followMeBridge>;

export function localExtensionsProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'local-extensions',
    order: 200,
    async load({ tenant }, templates) {
      const [extensions, followMes] = await Promise.all([repo.extensions(tenant.id), repo.followMe(tenant.id)]);
      const byNumber = extensionsByNumber(extensions);
      const followMeByExtension = new Map<string, DialplanFollowMe>(followMes.map((f) => [f.extension, f]));
      const followMe: FollowMeOf = (ext) => {
        const f = followMeByExtension.get(ext.extension);
        return f ? followMeBridge(ext, f, byNumber, tenant.domain) : null;
      };
      const rendered = new Map<string, Rendered>();
      for (const ext of extensions) {
        const r = render(ext, tenant, templates, followMe);
        rendered.set(ext.extension, r);
        if (ext.numberAlias) rendered.set(ext.numberAlias, r);
      }
      return {
        // An extension rings its follow-me destinations as they are now (enabled, in do-not-disturb or not).
        tags: [tags.extensionsOf(tenant.id), tags.followMeOf(tenant.id)],
        extensions: {
          match(destination) {
            const direct = rendered.get(destination);
            if (direct) return [direct.main];
            if (!destination.startsWith(FAILOVER_PREFIX)) return [];
            const number = destination.slice(FAILOVER_PREFIX.length, destination.lastIndexOf('~'));
            return (rendered.get(number)?.failover ?? []).filter((f) => f.test.test(destination)).map((f) => f.xml);
          },
        },
      };
    },
  };
}
