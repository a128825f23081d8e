// The tenant's enabled call queues, each on its number (xml-templates/dialplan/call-queue.xml),
// and the agent feature codes (*22 login, *23 logout: domain/call-queues/call-queues.module.ts
// AGENT_CODES), one entry per agent extension that sets the status of its agents in every queue
// (xml-templates/dialplan/call-queue-agent.xml). The agent names are the agents' uuids, the
// statuses mod_callcenter's own words: nothing a user wrote reaches the API call.
import { AGENT_CODES } from '../../../domain/call-queues/call-queues.module.ts';
import type { CallQueueRecord } from '../../../domain/call-queues/call-queues.repository.ts';
import { freeswitchQueueName } from '../../../domain/call-queues/call-queues.service.ts';
import { holdMusicSource } from '../../../domain/music-on-hold/streams.ts';
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { trusted } from '../templates/trusted-text.ts';
import { servesCalls } from '../configuration/callcenter-conf.ts';
import type { DialplanRepository } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp, fragmentSet, type Fragment } from './extension-provider.ts';

const SOUNDS: Record<(typeof AGENT_CODES)[number]['action'], string> = {
  agent_login: 'ivr/ivr-you_are_now_logged_in.wav',
  agent_logout: 'ivr/ivr-you_are_now_logged_out.wav',
};

export function renderCallQueue(q: CallQueueRecord, tenant: DialplanTenant, templates: TemplateStore): string {
  const voicemail = q.timeoutType === 'voicemail';
  return templates.get('dialplan/call-queue.xml').render({
    name: `call-queue-${q.extension}`,
    expression: `^${escapeRegExp(q.extension)}$`,
    context: tenant.domain,
    cidPrefix: q.cidPrefix,
    // The queue's class (local_stream://<domain>/<name>) or stock stream, or the stock global.
    moh: holdMusicSource(q.mohSound, tenant.domain) || trusted('$${hold_music}'),
    queue: freeswitchQueueName(q),
    transfer: q.timeoutType && !voicemail ? q.timeoutValue : '',
    voicemail: voicemail ? q.timeoutValue : '',
    hangup: !q.timeoutType,
  });
}

/** The login and logout entries of each extension that is an agent of a served queue. */
export function renderAgentCodes(queues: readonly CallQueueRecord[], tenant: DialplanTenant, templates: TemplateStore): Fragment[] {
  const agentsByExtension = new Map<string, string[]>();
  for (const q of queues.filter(servesCalls)) {
    for (const a of q.agents) agentsByExtension.set(a.extension.extension, [...(agentsByExtension.get(a.extension.extension) ?? []), a.id]);
  }
  const numbers = [...agentsByExtension.keys()].sort();
  return AGENT_CODES.flatMap((code) =>
    numbers.map((number) => ({
      test: new RegExp(code.expression),
      xml: templates.get('dialplan/call-queue-agent.xml').render({
        name: `${code.action.replace(/_/g, '-')}-${number}`,
        expression: code.expression,
        domain: `^${escapeRegExp(tenant.domain)}$`,
        caller: `^${escapeRegExp(number)}$`,
        commands: agentsByExtension.get(number)!.map((agent) => trusted(`cc_agent_status=\${callcenter_config(agent set status ${agent} '${code.status}')}`)),
        sound: SOUNDS[code.action],
      }),
    })),
  );
}

export function callQueuesProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'call-queues',
    order: 360,
    async load({ tenant }, templates) {
      const queues = await repo.callQueues(tenant.id);
      const served = queues.filter(servesCalls);
      const fragments: Fragment[] = [
        ...served.map((q) => ({ test: new RegExp(`^${escapeRegExp(q.extension)}$`), xml: renderCallQueue(q, tenant, templates) })),
        ...renderAgentCodes(served, tenant, templates),
      ];
      // Agents ring as their extensions are numbered now.
      return { tags: [tags.callQueuesOf(tenant.id), tags.extensionsOf(tenant.id)], extensions: fragmentSet(fragments) };
    },
  };
}
