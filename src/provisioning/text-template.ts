// Phone configuration templates (xml-templates/provision/): plain text with {{path}} placeholders
// and three blocks, each tag alone on its line or inline:
//   {{#each item in path}} … {{/each}}   repeat for each entry of a list
//   {{#if path}} … {{/if}}               keep when the value is truthy
//   {{#unless path}} … {{/unless}}       keep when it is not
// Phones read XML (Polycom, Grandstream) and `key = value` lines (Yealink), so placing a value is
// the template's escaper's job: XML escaping for the XML formats, and for line formats a refusal
// of any control character (a line break would end the value and start another key). The
// service refuses such text when it is written; the escaper refuses it again at render time.
// Names of keys may hold placeholders too (Polycom's reg.{{line.number}}.address), which is why
// these templates are text rather than XML compiled by the xml_curl template engine.

export class ProvisionTemplateError extends Error {}

/** A value could not be placed: nothing of the file is served. */
export class UnsafeProvisionValue extends Error {
  constructor(template: string, path: string) {
    super(`${template}: refused to place {{${path}}}: its value holds a control character`);
    this.name = 'UnsafeProvisionValue';
  }
}

type Escape = (value: string) => string | null;

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; path: string[] }
  | { kind: 'each'; name: string; path: string[]; children: Node[] }
  | { kind: 'if' | 'unless'; path: string[]; children: Node[] };

const TAG = /\{\{\s*([#/]?)([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
/** A block tag alone on its line takes its line break with it. */
const STANDALONE = /^[ \t]*(\{\{\s*[#/][^{}]*\}\})[ \t]*\r?\n/gm;

function pathOf(text: string, where: string): string[] {
  if (!PATH.test(text)) throw new ProvisionTemplateError(`${where}: "${text}" is not a placeholder path`);
  return text.split('.');
}

function compile(name: string, source: string): Node[] {
  const root: Node[] = [];
  const stack: { kind: string; children: Node[] }[] = [{ kind: 'root', children: root }];
  const text = source.replace(STANDALONE, '$1');
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const children = stack.at(-1)!.children;
    if (match.index > last) children.push({ kind: 'text', text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, sigil, body] = match;
    if (sigil === '') {
      children.push({ kind: 'value', path: pathOf(body, name) });
    } else if (sigil === '/') {
      const open = stack.pop()!;
      if (open.kind !== body) throw new ProvisionTemplateError(`${name}: {{/${body}}} closes no {{#${body}}}`);
    } else {
      const [keyword, ...rest] = body.split(/\s+/);
      let node: Node;
      if (keyword === 'each') {
        const m = /^([A-Za-z_]\w*) in (\S+)$/.exec(rest.join(' '));
        if (!m) throw new ProvisionTemplateError(`${name}: {{#each}} must read "item in path"`);
        node = { kind: 'each', name: m[1], path: pathOf(m[2], name), children: [] };
      } else if ((keyword === 'if' || keyword === 'unless') && rest.length === 1) {
        node = { kind: keyword, path: pathOf(rest[0], name), children: [] };
      } else throw new ProvisionTemplateError(`${name}: unknown block {{#${body}}}`);
      children.push(node);
      stack.push({ kind: keyword, children: node.children });
    }
  }
  if (stack.length > 1) throw new ProvisionTemplateError(`${name}: {{#${stack.at(-1)!.kind}}} is never closed`);
  if (last < text.length) root.push({ kind: 'text', text: text.slice(last) });
  return root;
}

type Scope = Record<string, unknown>;

function lookup(scope: Scope, path: string[]): unknown {
  let value: unknown = scope[path[0]];
  for (let i = 1; i < path.length && value != null; i++) value = (value as Scope)[path[i]];
  return value;
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null && v !== false && v !== '' && v !== 0);

export interface TextTemplate {
  name: string;
  render(data: Scope): string;
}

export function compileTextTemplate(name: string, source: string, escape: Escape): TextTemplate {
  const nodes = compile(name, source);
  const walk = (list: Node[], scope: Scope, out: string[]) => {
    for (const node of list) {
      if (node.kind === 'text') out.push(node.text);
      else if (node.kind === 'value') {
        const value = lookup(scope, node.path);
        const placed = escape(value === undefined || value === null ? '' : String(value));
        if (placed === null) throw new UnsafeProvisionValue(name, node.path.join('.'));
        out.push(placed);
      } else if (node.kind === 'each') {
        const items = lookup(scope, node.path);
        if (Array.isArray(items)) for (const item of items) walk(node.children, { ...scope, [node.name]: item }, out);
      } else if (truthy(lookup(scope, node.path)) === (node.kind === 'if')) walk(node.children, scope, out);
    }
  };
  return {
    name,
    render(data) {
      const out: string[] = [];
      walk(nodes, data, out);
      return out.join('');
    },
  };
}
