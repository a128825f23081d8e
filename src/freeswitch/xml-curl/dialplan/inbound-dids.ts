// The shared `public` context: one extension per live DID of a live tenant. Numbers match with
// or without a leading "+", whichever way the DID was stored or the carrier sends it.
import { tags } from '../change-tags.ts';
import { greetingKey, type DialplanRepository } from './dialplan.repository.ts';
import type { PublicProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';

const bare = (number: string) => number.replace(/^\+/, '');

export function inboundDidsProvider(repo: DialplanRepository): PublicProvider {
  return {
    name: 'inbound-dids',
    order: 100,
    async load(_context, templates) {
      const template = templates.get('dialplan/inbound-did.xml');
      const byNumber = new Map<string, string>();
      const [dids, greetings] = await Promise.all([repo.dids(), repo.chosenGreetings()]);
      for (const did of dids) {
        const { tenant } = did;
        const voicemail = did.destinationType === 'voicemail';
        byNumber.set(
          bare(did.number),
          template.render({
            name: `did-${bare(did.number)}`,
            expression: `^\\+?${escapeRegExp(bare(did.number))}$`,
            domain: tenant.domain,
            domainUuid: tenant.domainUuid,
            callerIdPrefix: did.callerIdPrefix,
            limit: tenant.maxConcurrentCalls > 0 ? tenant.maxConcurrentCalls : 0,
            voicemail: voicemail ? did.destinationValue : '',
            // The box's chosen greeting (voicemails module), played by mod_voicemail from voicemail_greeting_path.
            greeting: voicemail ? (greetings.get(greetingKey(tenant.domain, did.destinationValue)) ?? '') : '',
            transfer: voicemail ? '' : did.destinationValue,
          }),
        );
      }
      return {
        tags: [tags.dids, tags.tenants, tags.voicemails],
        extensions: {
          match(destination) {
            const xml = byNumber.get(bare(destination));
            return xml ? [xml] : [];
          },
        },
      };
    },
  };
}
