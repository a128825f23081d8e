// XML templates: a document shape with {{path}} placeholders in attribute values and text, and a
// few directives in the `sy` namespace (urn:switchyard:template):
//   sy:if="path" / sy:unless="path"   keep the element only when the value is (not) truthy
//   sy:each="item in path"            repeat the element for each entry of a list
//   <sy:block …>                      groups children under a directive, leaving no element
//   <sy:slot name="…"/>               where a caller puts fragments of its own (see split)
// An attribute whose whole value is one placeholder is left out when the value is null or
// undefined. xmlbuilder2 parses and checks each template once; rendering then walks the compiled
// tree and escapes every value (escapeXml), so no value ever reaches the output unescaped, and
// refuses a value carrying FreeSWITCH's `${` unless Switchyard marked it TrustedText.
import { create } from 'xmlbuilder2';
import { TrustedText, UnsafeValueError } from './trusted-text.ts';
import { escapeXml } from './xml-escape.ts';

export const TEMPLATE_NS = 'urn:switchyard:template';

type Path = string[];
type Part = string | Path;

interface AttrNode {
  name: string;
  parts: Part[];
  /** The value is exactly one placeholder: omit the attribute when it is null or undefined. */
  optional: boolean;
}

interface Directives {
  if?: Path;
  unless?: Path;
  each?: { name: string; path: Path };
}

type TemplateNode =
  | ({ kind: 'element'; open: string; name: string; attrs: AttrNode[]; children: TemplateNode[] } & Directives)
  | ({ kind: 'block'; children: TemplateNode[] } & Directives)
  | { kind: 'text'; parts: Part[] }
  | { kind: 'slot'; name: string };

export class TemplateError extends Error {}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g;

function parts(text: string, where: string): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(match[1].split('.'));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  for (const p of out) if (typeof p === 'string' && p.includes('{{')) throw new TemplateError(`${where}: malformed placeholder in "${text}"`);
  return out;
}

/**
 * A flat copy of `text` built from UTF-8 bytes: V8 then stores ASCII as one byte per character,
 * where strings from the XML parser may use two, and every render joined with them would too.
 */
const flat = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** Static text of the template passes through the same escaping as values. */
const escapeStatic = (ps: Part[]): Part[] => ps.map((p) => (typeof p === 'string' ? flat(escapeXml(p)) : p));

interface DomNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  namespaceURI?: string | null;
  prefix?: string | null;
  data?: string;
  attributes?: ArrayLike<{ name: string; localName: string; namespaceURI: string | null; prefix: string | null; value: string }>;
  childNodes: ArrayLike<DomNode>;
}

function directives(node: DomNode, where: string): Directives {
  const d: Directives = {};
  for (const attr of Array.from(node.attributes ?? [])) {
    if (attr.namespaceURI !== TEMPLATE_NS) continue;
    const value = attr.value.trim();
    if (attr.localName === 'if') d.if = value.split('.');
    else if (attr.localName === 'unless') d.unless = value.split('.');
    else if (attr.localName === 'each') {
      const m = /^([A-Za-z_]\w*)\s+in\s+([A-Za-z_][\w.]*)$/.exec(value);
      if (!m) throw new TemplateError(`${where}: sy:each must read "item in path", got "${value}"`);
      d.each = { name: m[1], path: m[2].split('.') };
    } else throw new TemplateError(`${where}: unknown directive sy:${attr.localName}`);
  }
  return d;
}

function compileNode(node: DomNode, where: string): TemplateNode | null {
  if (node.nodeType === 3 || node.nodeType === 4) {
    const text = node.data ?? '';
    return text.trim() === '' ? null : { kind: 'text', parts: escapeStatic(parts(text, where)) };
  }
  if (node.nodeType !== 1) return null;
  const named = [{ name: node.nodeName, ns: node.namespaceURI }, ...Array.from(node.attributes ?? []).map((a) => ({ name: a.name, ns: a.namespaceURI }))];
  const undeclared = named.find((n) => n.name.startsWith('sy:') && n.ns !== TEMPLATE_NS);
  if (undeclared) throw new TemplateError(`${where}: ${undeclared.name} needs xmlns:sy="${TEMPLATE_NS}" on the root element`);
  const children = Array.from(node.childNodes)
    .map((c) => compileNode(c, where))
    .filter((c): c is TemplateNode => c !== null);
  if (node.namespaceURI === TEMPLATE_NS) {
    if (node.localName === 'block') return { kind: 'block', children, ...directives(node, where) };
    if (node.localName === 'slot') {
      const name = Array.from(node.attributes ?? []).find((a) => a.name === 'name')?.value;
      if (!name) throw new TemplateError(`${where}: sy:slot needs a name`);
      return { kind: 'slot', name };
    }
    throw new TemplateError(`${where}: unknown element sy:${node.localName}`);
  }
  const attrs: AttrNode[] = [];
  for (const attr of Array.from(node.attributes ?? [])) {
    if (attr.namespaceURI === TEMPLATE_NS || attr.name === 'xmlns' || attr.prefix === 'xmlns') continue;
    const ps = parts(attr.value, where);
    attrs.push({ name: flat(attr.name), parts: escapeStatic(ps), optional: ps.length === 1 && typeof ps[0] !== 'string' });
  }
  return { kind: 'element', open: flat(`<${node.nodeName}`), name: flat(node.nodeName), attrs, children, ...directives(node, where) };
}

type Scope = Record<string, unknown>;

function lookup(scope: Scope, path: Path): unknown {
  let value: unknown = scope[path[0]];
  for (let i = 1; i < path.length && value != null; i++) value = (value as Record<string, unknown>)[path[i]];
  return value;
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof TrustedText) return value.text !== '';
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

/** Thrown inside a render, named with the template's name by render(). */
class Unsafe extends Error {
  constructor(readonly path: Path) {
    super();
  }
}

function text(value: unknown, path: Path): string {
  if (value === undefined || value === null) return '';
  if (value instanceof TrustedText) return escapeXml(value.text);
  const s = String(value);
  if (s.includes('${')) throw new Unsafe(path);
  return escapeXml(s);
}

function fill(ps: Part[], scope: Scope): string {
  if (ps.length === 1) return typeof ps[0] === 'string' ? ps[0] : text(lookup(scope, ps[0]), ps[0]);
  let s = '';
  for (const p of ps) s += typeof p === 'string' ? p : text(lookup(scope, p), p);
  return s;
}

/** Marks where a split render leaves a slot open. */
const SPLIT = '\u0000slot\u0000';

function renderNode(node: TemplateNode, scope: Scope, out: string[], split?: string): void {
  if (node.kind === 'text') {
    out.push(fill(node.parts, scope));
    return;
  }
  if (node.kind === 'slot') {
    // A slot holds only what the caller of split() puts there; rendered whole, it stays empty.
    if (node.name === split) out.push(SPLIT);
    return;
  }
  if (node.if && !truthy(lookup(scope, node.if))) return;
  if (node.unless && truthy(lookup(scope, node.unless))) return;
  if (node.each) {
    const list = lookup(scope, node.each.path);
    if (!Array.isArray(list)) return;
    const { each: _each, ...once } = node;
    for (const item of list) renderNode(once as TemplateNode, { ...scope, [node.each.name]: item }, out, split);
    return;
  }
  if (node.kind === 'block') {
    for (const child of node.children) renderNode(child, scope, out, split);
    return;
  }
  out.push(node.open);
  for (const attr of node.attrs) {
    if (attr.optional) {
      const value = lookup(scope, attr.parts[0] as Path);
      if (value === undefined || value === null) continue;
    }
    out.push(` ${attr.name}="${fill(attr.parts, scope)}"`);
  }
  if (node.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  const opened = out.length;
  for (const child of node.children) renderNode(child, scope, out, split);
  if (out.length === opened) out[opened - 1] = '/>';
  else out.push(`</${node.name}>`);
}

export interface Template {
  name: string;
  render(data: Scope): string;
  /** The document up to and after the slot `slot`, so callers can put fragments between them. */
  split(data: Scope, slot: string): [string, string];
}

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([A-Za-z_][\w:.-]*)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;

/** xmlbuilder2's reader forgives mismatched end tags; a template must not rely on that. */
function checkNesting(name: string, source: string): void {
  const open: string[] = [];
  for (const m of source.matchAll(TAG)) {
    const [, closing, tag, selfClosing] = m;
    if (!tag || selfClosing) continue;
    if (!closing) open.push(tag);
    else if (open.pop() !== tag) throw new TemplateError(`${name}: not well-formed XML (</${tag}> does not close the open element)`);
  }
  if (open.length) throw new TemplateError(`${name}: not well-formed XML (<${open.at(-1)}> is never closed)`);
}

/** Parses and checks `source` with xmlbuilder2 and compiles it; throws TemplateError when it is not usable. */
export function compileTemplate(name: string, source: string): Template {
  checkNesting(name, source);
  let root: DomNode;
  try {
    root = create(source).root().node as unknown as DomNode;
  } catch (err) {
    throw new TemplateError(`${name}: not well-formed XML (${(err as Error).message})`);
  }
  const compiled = compileNode(root, name);
  if (!compiled) throw new TemplateError(`${name}: no root element`);
  const render = (data: Scope, split?: string) => {
    const out: string[] = [];
    try {
      renderNode(compiled, data, out, split);
    } catch (err) {
      throw err instanceof Unsafe ? new UnsafeValueError(name, err.path.join('.')) : err;
    }
    return out.join('');
  };
  return {
    name,
    render: (data) => render(data),
    split(data, slot) {
      const [head, tail, extra] = render(data, slot).split(SPLIT);
      if (tail === undefined || extra !== undefined) throw new TemplateError(`${name}: needs exactly one sy:slot name="${slot}"`);
      return [head, tail];
    },
  };
}
