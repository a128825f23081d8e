// What FreeSWITCH builds its network lists from on `reloadacl` (switch_load_network_lists; it
// reads them at start and on that command only): acl.conf, and for every `<node domain="…"/>` in
// it the directory's purpose=network-list answer for that domain (the users that carry a cidr).
// Both are asked of Switchyard's own xml_curl answerer with the fields FreeSWITCH sends (the
// captured configuration-acl.conf and directory-network-list-acl requests), so what is compared is
// exactly what FreeSWITCH would be given, together with the labels of the data it shows.
import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';

/** The xml_curl answerer: a section's document for a fetch, with the labels of the data it shows. */
export type XmlAnswerer = (section: string, params: Record<string, string>) => Promise<{ xml: Buffer | string; tags: readonly string[] }>;

export interface AclSources {
  /** A digest of acl.conf and every network list it names, in order. */
  digest: string;
  /** The labels of the data they show (change-tags.ts): a change carrying none of them cannot alter them. */
  labels: ReadonlySet<string>;
}

interface XmlNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<XmlNode>;
  getAttribute(name: string): string | null;
}

/** The domains acl.conf's `<node domain="…"/>` entries name, in document order. */
function domainNodes(node: XmlNode, into: string[] = []): string[] {
  if (node.nodeType === 1 && node.nodeName === 'node') {
    const domain = node.getAttribute('domain');
    if (domain) into.push(domain);
  }
  for (const child of Array.from(node.childNodes)) domainNodes(child, into);
  return into;
}

export async function readAclSources(answer: XmlAnswerer): Promise<AclSources> {
  const hash = createHash('sha256');
  const aclConf = await answer('configuration', { section: 'configuration', tag_name: 'configuration', key_name: 'name', key_value: 'acl.conf' });
  const acl = String(aclConf.xml);
  hash.update(acl);
  const domains = domainNodes(create(acl).root().node as unknown as XmlNode);
  const lists = await Promise.all(
    domains.map((domain) => answer('directory', { section: 'directory', tag_name: 'domain', key_name: 'name', key_value: domain, domain, purpose: 'network-list' })),
  );
  for (const [i, list] of lists.entries()) hash.update('\0').update(domains[i]).update('\0').update(String(list.xml));
  return { digest: hash.digest('hex'), labels: new Set([aclConf, ...lists].flatMap((read) => read.tags)) };
}
