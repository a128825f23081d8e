// Reads a mod_json_cdr or mod_xml_cdr document into one shape: the channel variables and the
// caller profiles of its callflow, newest first. Only the variables may be URL-encoded (the
// modules' encode-values / vanilla xml_cdr behaviour); the caller profiles never are.
import { badRequest } from '../../errors.ts';
import type { CdrPayload } from './cdr-body.ts';
import { child, childrenNamed, parseXml, XmlSyntaxError, type XmlElement } from './xml-reader.ts';

export interface CallerProfile {
  profileIndex: number;
  callerIdName: string;
  callerIdNumber: string;
  destinationNumber: string;
  context: string;
  ani: string;
  username: string;
}

export interface CdrDocument {
  switchname: string;
  coreUuid: string;
  channelDirection: string;
  variables: Record<string, string>;
  /** Newest (highest profile_index) first. */
  profiles: CallerProfile[];
}

type Json = Record<string, unknown>;

const str = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'object' ? '' : String(value));
const isObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);

// start_stamp ("2026-11-28 04:42:16") is on every CDR and holds a space and colons, which the
// encoder always escapes: it tells whether the values were URL-encoded.
function decodeValues(variables: Record<string, string>): Record<string, string> {
  if (!/%20|%3A/i.test(variables.start_stamp ?? '')) return variables;
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    try {
      decoded[name] = value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      decoded[name] = value;
    }
  }
  return decoded;
}

function profileFrom(get: (field: string) => string, profileIndex: number): CallerProfile {
  return {
    profileIndex,
    callerIdName: get('caller_id_name'),
    callerIdNumber: get('caller_id_number'),
    destinationNumber: get('destination_number'),
    context: get('context'),
    ani: get('ani'),
    username: get('username'),
  };
}

const newestFirst = (profiles: CallerProfile[]) => profiles.sort((a, b) => b.profileIndex - a.profileIndex);

function readJson(text: string): CdrDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw badRequest('The JSON CDR does not parse');
  }
  if (!isObject(doc) || !isObject(doc.variables)) throw badRequest('The JSON CDR has no variables object');
  const variables = Object.fromEntries(Object.entries(doc.variables).map(([k, v]) => [k, str(v)]));
  const flows = Array.isArray(doc.callflow) ? doc.callflow : doc.callflow ? [doc.callflow] : [];
  const profiles = flows.filter(isObject).map((flow, i) => {
    const profile = isObject(flow.caller_profile) ? flow.caller_profile : {};
    return profileFrom((field) => str(profile[field]), Number(flow.profile_index) || flows.length - i);
  });
  const channelData = isObject(doc.channel_data) ? doc.channel_data : {};
  return {
    switchname: str(doc.switchname),
    coreUuid: str(doc['core-uuid']),
    channelDirection: str(channelData.direction),
    variables: decodeValues(variables),
    profiles: newestFirst(profiles),
  };
}

function readXml(text: string): CdrDocument {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw badRequest(`The XML CDR is not well-formed: ${err.message}`);
    throw err;
  }
  const variablesElement = child(root, 'variables');
  if (root.name !== 'cdr' || !variablesElement) throw badRequest('The XML CDR has no <cdr><variables> element');
  const variables = Object.fromEntries(variablesElement.children.map((v) => [v.name, v.text]));
  const flows = childrenNamed(root, 'callflow');
  const profiles = flows.map((flow, i) => {
    const profile = child(flow, 'caller_profile');
    return profileFrom((field) => child(profile, field)?.text ?? '', Number(flow.attrs.profile_index) || flows.length - i);
  });
  return {
    switchname: root.attrs.switchname ?? '',
    coreUuid: root.attrs['core-uuid'] ?? '',
    channelDirection: child(child(root, 'channel_data'), 'direction')?.text ?? '',
    variables: decodeValues(variables),
    profiles: newestFirst(profiles),
  };
}

export function readCdrDocument(payload: CdrPayload): CdrDocument {
  return payload.format === 'json' ? readJson(payload.text) : readXml(payload.text);
}
