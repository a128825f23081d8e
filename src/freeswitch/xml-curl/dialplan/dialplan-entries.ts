// An extension of a rendered context described for the /dialplans view: its name and the
// destination_number expression it answers, read back from the XML the providers rendered (the
// same strings FreeSWITCH is answered), and which provider rendered it.
import { Type, type Static } from '@sinclair/typebox';

export interface DialplanEntry {
  name: string;
  /** The destination_number expression ('' when it matches on something else only). */
  expression: string;
  /** The dialplan piece (module) that rendered it: feature-codes, local-extensions, ... */
  provider: string;
  xml: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unescape = (value: string) => value.replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]);

/** The attributes of the first `<tag ...>` of `xml`. */
function attributesOf(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[m[1]] = unescape(m[2]);
  return attrs;
}

export function describeEntry(provider: string, xml: string): DialplanEntry {
  const extension = /<extension\b[^>]*>/.exec(xml);
  const destination = [...xml.matchAll(/<condition\b[^>]*>/g)].map((m) => attributesOf(m[0])).find((a) => a.field === 'destination_number');
  return { name: extension ? (attributesOf(extension[0]).name ?? '') : '', expression: destination?.expression ?? '', provider, xml };
}

/**
 * An entry as /dialplans answers it, in FusionPBX's dialplan words where it has them
 * (dialplan_name, dialplan_number, dialplan_context, dialplan_order, dialplan_enabled,
 * dialplan_xml); REST renders the flag as 'true'/'false' like the other PBX objects.
 */
export const DialplanEntryView = Type.Object({
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  dialplanContext: Type.String({ description: "The tenant's context (its domain)" }),
  dialplanOrder: Type.Integer({ description: 'Its place in the context: FreeSWITCH tries the entries in this order' }),
  dialplanName: Type.String(),
  dialplanNumber: Type.String({ description: 'The destination_number expression it answers' }),
  dialplanModule: Type.String({ description: 'The dialplan piece that rendered it (feature-codes, local-extensions, ring-groups, ...)' }),
  dialplanEnabled: Type.Boolean({ description: 'Always true: only what is enabled is rendered' }),
  dialplanXml: Type.String({ description: 'The <extension> as FreeSWITCH is answered it' }),
});

export type DialplanEntryView = Static<typeof DialplanEntryView>;

export function dialplanEntryViews(tenant: { id: number; name: string; domain: string }, entries: readonly DialplanEntry[]): DialplanEntryView[] {
  return entries.map((e, i) => ({
    tenantId: tenant.id,
    tenantName: tenant.name,
    dialplanContext: tenant.domain,
    dialplanOrder: i + 1,
    dialplanName: e.name,
    dialplanNumber: e.expression,
    dialplanModule: e.provider,
    dialplanEnabled: true,
    dialplanXml: e.xml,
  }));
}
