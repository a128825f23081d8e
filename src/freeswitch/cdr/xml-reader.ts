// A small, strict XML reader for the documents FreeSWITCH posts (mod_xml_cdr). It builds a plain
// element tree, decodes the predefined and numeric entities, and refuses what FreeSWITCH never
// sends: DTDs (so no entity expansion), mismatched or unclosed tags, text outside the root.
// General-purpose parsers we have either accept truncated documents or leave entities encoded.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlSyntaxError extends Error {}

const NAME = /[A-Za-z_:][-\w.:]*/y;
const ATTR = /\s*([A-Za-z_:][-\w.:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const BARE_AMPERSAND = /&(?!(?:#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);)/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  if (BARE_AMPERSAND.test(text)) throw new XmlSyntaxError('unescaped "&" in text');
  return text.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!(code > 0 && code <= 0x10ffff)) throw new XmlSyntaxError(`invalid character reference &${e};`);
    return String.fromCodePoint(code);
  });
}

/** Parses one XML document; throws XmlSyntaxError when it is not well-formed. */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const fail = (message: string): never => {
    throw new XmlSyntaxError(`${message} at offset ${pos}`);
  };
  const skip = (terminator: string) => {
    const end = source.indexOf(terminator, pos);
    if (end < 0) fail(`unterminated construct, expected "${terminator}"`);
    pos = end + terminator.length;
  };

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > pos) {
      const text = source.slice(pos, textEnd);
      const parent = stack[stack.length - 1];
      if (parent) parent.text += decodeEntities(text);
      else if (text.trim()) fail('text outside the root element');
      pos = textEnd;
      continue;
    }
    if (source.startsWith('<?', pos)) {
      skip('?>');
    } else if (source.startsWith('<!--', pos)) {
      skip('-->');
    } else if (source.startsWith('<![CDATA[', pos)) {
      const parent = stack[stack.length - 1] ?? fail('CDATA outside the root element');
      const end = source.indexOf(']]>', pos);
      if (end < 0) fail('unterminated CDATA section');
      parent.text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<!', pos)) {
      fail('document type declarations are not accepted');
    } else if (source.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const name = NAME.exec(source)?.[0] ?? fail('malformed closing tag');
      pos = NAME.lastIndex;
      while (source[pos] === ' ' || source[pos] === '\t' || source[pos] === '\n' || source[pos] === '\r') pos++;
      if (source[pos] !== '>') fail('malformed closing tag');
      pos++;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`closing tag </${name}> does not match <${open?.name ?? ''}>`);
    } else {
      NAME.lastIndex = pos + 1;
      const name = NAME.exec(source)?.[0] ?? fail('malformed opening tag');
      pos = NAME.lastIndex;
      const element: XmlElement = { name, attrs: {}, children: [], text: '' };
      for (;;) {
        ATTR.lastIndex = pos;
        const attr = ATTR.exec(source);
        if (!attr) break;
        element.attrs[attr[1]] = decodeEntities(attr[2] ?? attr[3]);
        pos = ATTR.lastIndex;
      }
      while (source[pos] === ' ' || source[pos] === '\t' || source[pos] === '\n' || source[pos] === '\r') pos++;
      const selfClosing = source.startsWith('/>', pos);
      if (!selfClosing && source[pos] !== '>') fail(`malformed tag <${name}>`);
      pos += selfClosing ? 2 : 1;
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail('more than one root element');
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length) fail(`unclosed element <${stack[stack.length - 1].name}>`);
  return root ?? fail('no root element');
}

export const child = (element: XmlElement | undefined, name: string) => element?.children.find((c) => c.name === name);
export const childrenNamed = (element: XmlElement | undefined, name: string) => element?.children.filter((c) => c.name === name) ?? [];
