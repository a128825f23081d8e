// The tenant's extensions: ring the user, honour forwarding and do-not-disturb, then voicemail.
// Busy and no-answer forwarding need the bridge's outcome, which only exists at run time, so the
// call is transferred to "failover~<extension>~${originate_disposition}" and routed again: USER_BUSY
// goes to the busy forward, anything else to the no-answer forward (each falling back to voicemail).
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { trusted } from '../templates/trusted-text.ts';
import type { DialplanRepository, LocalExtension } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';

export const FAILOVER_PREFIX = 'failover~';

function render(ext: LocalExtension, tenant: DialplanTenant, templates: TemplateStore): { main: string; failover: { test: RegExp; xml: string }[] } {
  const context = tenant.domain;
  const number = ext.extension;
  const forwarding = (ext.forwardBusyEnabled && ext.forwardBusyDestination) || (ext.forwardNoAnswerEnabled && ext.forwardNoAnswerDestination);
  const failoverBase = `${FAILOVER_PREFIX}${number}~`;
  const common = { context, number, voicemail: ext.voicemailEnabled };
  const main = templates.get('dialplan/local-extension.xml').render({
    ...common,
    name: `local-${number}`,
    expression: `^${escapeRegExp(number)}$`,
    forwardAll: ext.forwardAllEnabled ? ext.forwardAllDestination : '',
    doNotDisturb: ext.doNotDisturb,
    callTimeout: ext.callTimeout,
    failover: forwarding ? trusted(`${failoverBase}${ext.doNotDisturb ? 'USER_BUSY' : '${originate_disposition}'}`) : '',
    hangupCause: ext.doNotDisturb ? 'USER_BUSY' : trusted('${originate_disposition}'),
  });
  if (!forwarding) return { main, failover: [] };
  const failoverTemplate = templates.get('dialplan/local-extension-failover.xml');
  const busy = `^${escapeRegExp(failoverBase)}USER_BUSY$`;
  const other = `^${escapeRegExp(failoverBase)}`;
  return {
    main,
    failover: [
      {
        test: new RegExp(busy),
        xml: failoverTemplate.render({ ...common, name: `local-${number}-busy`, expression: busy, target: ext.forwardBusyEnabled ? ext.forwardBusyDestination : '', hangupCause: 'USER_BUSY' }),
      },
      {
        test: new RegExp(other),
        xml: failoverTemplate.render({ ...common, name: `local-${number}-no-answer`, expression: other, target: ext.forwardNoAnswerEnabled ? ext.forwardNoAnswerDestination : '', hangupCause: 'NO_ANSWER' }),
      },
    ],
  };
}

export function localExtensionsProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'local-extensions',
    order: 200,
    async load({ tenant }, templates) {
      const rendered = new Map((await repo.extensions(tenant.id)).map((ext) => [ext.extension, render(ext, tenant, templates)]));
      return {
        tags: [tags.extensionsOf(tenant.id)],
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
