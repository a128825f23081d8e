// What FreeSWITCH's XML dialplan does with an answered context, enough to follow a call through
// Switchyard's answers in tests: the first extension whose conditions all match runs (conditions
// AND together; a condition's field is the destination number or a ${...} expansion), its
// actions get the last condition's $1..$9, and a few applications change state the way their
// modules do (mod_db's and mod_hash's insert, play_and_get_digits setting its variable).
import { findAll, parseXml, type XmlNode } from './xml-tree.ts';

export interface Switch {
  /** mod_db's db_data, "<realm>/<key>" → value. */
  db: Map<string, string>;
  /** mod_hash's hash, "<realm>/<key>" → value. */
  hash: Map<string, string>;
}

export const newSwitch = (): Switch => ({ db: new Map(), hash: new Map() });

export interface Channel {
  /** Channel variables (user_name, domain_name, callgroup, uuid, ...). */
  vars: Record<string, string>;
  /** What the caller keys in when play_and_get_digits asks. */
  digits?: string;
}

/** Expands ${name} and ${db(select/r/k)} / ${hash(select/r/k)}, innermost first, as the core does. */
export function expand(text: string, sw: Switch, channel: Channel): string {
  let out = text;
  for (;;) {
    const next = out.replace(/\$\{([^${}]*)\}/, (_, inner: string) => {
      const api = /^(db|hash)\(select\/([^/]*)\/([^/]*)\)$/.exec(inner);
      if (api) return (api[1] === 'db' ? sw.db : sw.hash).get(`${api[2]}/${api[3]}`) ?? '';
      return channel.vars[inner] ?? '';
    });
    if (next === out) return out;
    out = next;
  }
}

const substitute = (data: string, captures: RegExpExecArray) => data.replace(/\$(\d)/g, (_, n: string) => captures[Number(n)] ?? '');

export interface Ran {
  name: string;
  /** "application data" of each action, with the captures in and ${...} left for execution. */
  actions: string[];
}

/** The extension FreeSWITCH runs for `destination` in an answered context, or null. */
export function hunt(xml: string, destination: string, sw: Switch, channel: Channel): Ran | null {
  for (const ext of findAll(parseXml(xml), 'extension')) {
    let captures: RegExpExecArray | null = null;
    const actions: string[] = [];
    for (const condition of findAll(ext, 'condition')) {
      const field = condition.attrs.field;
      const value = field === 'destination_number' ? destination : expand(field, sw, channel);
      captures = new RegExp(condition.attrs.expression).exec(value);
      if (!captures) break;
      for (const a of findAll(condition, 'action')) actions.push(`${a.attrs.application} ${substitute(a.attrs.data ?? '', captures)}`.trim());
    }
    if (captures) return { name: ext.attrs.name, actions };
  }
  return null;
}

/** Runs the actions' side effects on the switch and the channel, as their modules would. */
export function execute(ran: Ran, sw: Switch, channel: Channel): void {
  for (const action of ran.actions) {
    const [app, ...rest] = action.split(' ');
    const data = rest.join(' ');
    if (app === 'play_and_get_digits') channel.vars[data.split(' ')[7]] = channel.digits ?? '';
    if (app === 'db' || app === 'hash') {
      const [verb, realm, key, value] = expand(data, sw, channel).split('/');
      const store = app === 'db' ? sw.db : sw.hash;
      if (verb === 'insert') store.set(`${realm}/${key}`, value ?? '');
      if (verb === 'delete') store.delete(`${realm}/${key}`);
    }
  }
}

export const actionsOf = (node: XmlNode) => findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());
