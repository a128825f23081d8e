// A FreeSWITCH node Switchyard controls over the Event Socket (a Switchyard extra: the ICTPBX client
// has no such screen). The password is write-only: no view carries it.
import { Flag, Input, Int, Matching, Nullable, Type, type Static, type StaticDecode } from '../shared/schema.ts';

const Name = Matching('^\\s*[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\s*$', 'must be 1-64 letters, digits, dots, dashes or underscores', {
  description: 'Unique; names the node in events and CDRs',
});
const Host = Matching('^\\s*(\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)\\s*$', 'must be a host name or an IP address', {
  description: 'Host name or IP address of the Event Socket',
});
const Password = Matching('^[^\\r\\n]{1,128}$', 'must be a non-empty single line of at most 128 characters', { description: 'Event Socket password; write-only, stored encrypted' });
const Port = Int(1, 65535, { description: 'Event Socket port (default 8021)' });

export const SwitchNodeCreate = Input({ name: Name, host: Host, port: Type.Optional(Port), password: Password, enabled: Type.Optional(Flag()) });
export const SwitchNodeUpdate = Input(
  { name: Type.Optional(Name), host: Type.Optional(Host), port: Type.Optional(Port), password: Type.Optional(Password), enabled: Type.Optional(Flag()) },
  { minProperties: 1 },
);
export const SwitchNodeFilter = Input({ name: Type.Optional(Type.String({ maxLength: 64 })), host: Type.Optional(Type.String({ maxLength: 253 })), enabled: Type.Optional(Flag()) });

const Seconds = Nullable(Type.Integer({ description: 'unix seconds' }));
/** A node as REST shows it: its configuration and its live connection. */
export const SwitchNodeView = Type.Object({
  switchNodeId: Nullable(Type.Integer({ description: 'Null for the node configured by FREESWITCH_ESL' })),
  name: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  enabled: Type.Boolean(),
  source: Type.String({ description: 'db (a switch node row) or env (FREESWITCH_ESL)' }),
  state: Type.String({ description: 'connecting, connected, auth_failed, disconnected or disabled' }),
  stateSince: Seconds,
  connectedSince: Seconds,
  lastError: Nullable(Type.String()),
  dateCreated: Seconds,
  lastUpdated: Seconds,
});

export type SwitchNodeCreateInput = StaticDecode<typeof SwitchNodeCreate>;
export type SwitchNodeUpdateInput = StaticDecode<typeof SwitchNodeUpdate>;
export type SwitchNodeView = Static<typeof SwitchNodeView>;
