// Call blocks in the shared `public` context: a DID's tenant's enabled blocks, rendered just
// before the DID's own extension (order 50, the DIDs' is 100), so a blocked caller's call runs the
// block's applications before anything of the tenant's routing (its concurrent call limit,
// voicemail or transfer). FusionPBX runs its call block first in the tenant's context, on calls
// whose call_direction is inbound (app/dialplans/resources/switch/conf/dialplan/040_call_block.xml);
// here a DID to voicemail never enters that context, so the block sits in `public`, which only
// inbound calls reach. Each block guards the DIDs of its own tenant only (a destination condition
// on the DID's number). A block whose pattern does not read (stored before a rule changed) is left
// out rather than rendered unchecked.
import { CALL_BLOCK_ACTIONS } from '../../../domain/call-blocks/call-blocks.schema.ts';
import { callerNameExpression, callerNumberExpression, callerPatternProblem } from '../../../domain/shared/caller-pattern.ts';
import { tags } from '../change-tags.ts';
import { greetingKey, type DialplanRepository, type InboundCallBlock, type InboundDid } from './dialplan.repository.ts';
import type { PublicProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';

const bare = (number: string) => number.replace(/^\+/, '');

interface ReadBlock {
  block: InboundCallBlock;
  number: string;
  callerName: string;
}

function read(block: InboundCallBlock): ReadBlock | null {
  const readable = (f: () => string) => callerPatternProblem(f) === null;
  if (block.number && !readable(() => callerNumberExpression(block.number, block.countryCode))) return null;
  if (block.callerIdName && !readable(() => callerNameExpression(block.callerIdName))) return null;
  if (!block.number && !block.callerIdName) return null;
  if (!(CALL_BLOCK_ACTIONS as readonly string[]).includes(block.action) || (block.action === 'voicemail' && !block.data)) return null;
  return {
    block,
    number: block.number ? callerNumberExpression(block.number, block.countryCode) : '',
    callerName: block.callerIdName ? callerNameExpression(block.callerIdName) : '',
  };
}

export function callBlocksProvider(repo: DialplanRepository): PublicProvider {
  return {
    name: 'call-blocks',
    order: 50,
    async load(_context, templates) {
      const [blocks, dids, greetings] = await Promise.all([repo.callBlocks(), repo.dids(), repo.chosenGreetings()]);
      const byTenant = new Map<number, ReadBlock[]>();
      for (const block of blocks) {
        const readBlock = read(block);
        if (readBlock) byTenant.set(block.tenantId, [...(byTenant.get(block.tenantId) ?? []), readBlock]);
      }
      const guarded = new Map<string, InboundDid>();
      for (const did of dids) if (byTenant.has(did.tenant.id)) guarded.set(bare(did.number), did);
      const template = templates.get('dialplan/call-block.xml');
      const render = (did: InboundDid) =>
        byTenant.get(did.tenant.id)!.map(({ block, number, callerName }) =>
          template.render({
            name: `call-block-${block.id}`,
            destination: `^\\+?${escapeRegExp(bare(did.number))}$`,
            number,
            callerName,
            domain: did.tenant.domain,
            domainUuid: did.tenant.domainUuid,
            reject: block.action === 'reject',
            busy: block.action === 'busy',
            hangup: block.action === 'hangup',
            hold: block.action === 'hold',
            voicemail: block.action === 'voicemail' ? block.data : '',
            greeting: block.action === 'voicemail' ? (greetings.get(greetingKey(did.tenant.domain, block.data)) ?? '') : '',
          }),
        );
      // Rendered at a DID's first call, then kept with the context until a change drops it.
      const rendered = new Map<string, string[]>();
      return {
        tags: [tags.callBlocks, tags.dids, tags.tenants, tags.voicemails],
        extensions: {
          match(destination) {
            const key = bare(destination);
            let xml = rendered.get(key);
            if (xml === undefined) {
              const did = guarded.get(key);
              if (!did) return [];
              rendered.set(key, (xml = render(did)));
            }
            return xml;
          },
        },
      };
    },
  };
}
