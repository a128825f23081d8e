// A switch node as the API shows it: configuration and live Event Socket state, never the password.
import type { SwitchNode } from '../../../domain/switch-nodes/switch-nodes.service.ts';
import { flag, unixSeconds } from '../shared.ts';

export const switchNodeSchema = {
  type: 'object',
  properties: {
    switch_node_id: { type: ['integer', 'null'] },
    name: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'integer' },
    enabled: { type: 'integer' },
    source: { type: 'string', description: 'db (a switch node row) or env (FREESWITCH_ESL)' },
    state: { type: 'string', description: 'connecting, connected, auth_failed, disconnected or disabled' },
    state_since: { type: ['integer', 'null'] },
    connected_since: { type: ['integer', 'null'] },
    last_error: { type: ['string', 'null'] },
    date_created: { type: ['integer', 'null'] },
    last_updated: { type: ['integer', 'null'] },
  },
} as const;

export function switchNodeView(n: SwitchNode) {
  return {
    switch_node_id: n.id,
    name: n.name,
    host: n.host,
    port: n.port,
    enabled: flag(n.enabled),
    source: n.source,
    state: n.state,
    state_since: unixSeconds(n.since),
    connected_since: unixSeconds(n.connectedAt),
    last_error: n.lastError,
    date_created: unixSeconds(n.createdAt),
    last_updated: unixSeconds(n.updatedAt),
  };
}
