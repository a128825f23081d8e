// Reads an xml_curl answer back with xmlbuilder2 (which fails on anything not well-formed) into a
// small tree the tests can query.
import { create } from 'xmlbuilder2';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

interface DomLike {
  nodeType: number;
  nodeName: string;
  attributes?: ArrayLike<{ name: string; value: string }>;
  childNodes: ArrayLike<DomLike>;
}

function toTree(node: DomLike): XmlNode {
  return {
    name: node.nodeName,
    attrs: Object.fromEntries(Array.from(node.attributes ?? []).map((a) => [a.name, a.value])),
    children: Array.from(node.childNodes)
      .filter((c) => c.nodeType === 1)
      .map(toTree),
  };
}

export function parseXml(xml: string): XmlNode {
  return toTree(create(xml).root().node as unknown as DomLike);
}

/** Every descendant element named `name` (depth first, document order). */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of node.children) {
    if (child.name === name) out.push(child);
    out.push(...findAll(child, name));
  }
  return out;
}

export function find(node: XmlNode, name: string): XmlNode | undefined {
  return findAll(node, name)[0];
}

/** name → value of the <param>s (or <variable>s) directly under `node`'s <params> (<variables>). */
export function namedValues(node: XmlNode | undefined, list: 'params' | 'variables' | 'settings'): Record<string, string> {
  const holder = node?.children.find((c) => c.name === list);
  return Object.fromEntries((holder?.children ?? []).map((c) => [c.attrs.name, c.attrs.value]));
}

export const isNotFound = (xml: string) => {
  const tree = parseXml(xml);
  return tree.name === 'document' && find(tree, 'result')?.attrs.status === 'not found';
};
