// Trunk states as the API shows them (live channels, registrations and conference members are
// described by their schemas in freeswitch/control/).
import type { ProviderState } from '../../../freeswitch/control/provider-status.service.ts';
import { flag } from '../shared.ts';

const nullableString = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;

export const providerStateSchema = {
  type: 'object',
  properties: {
    provider_id: { type: 'integer' },
    gateway_uuid: { type: 'string' },
    name: { type: 'string' },
    tenant_id: nullableInteger,
    profile: { type: 'string' },
    register: { type: 'integer' },
    active: { type: 'integer' },
    state: { type: 'string', description: 'REGED, UNREGED, NOREG, TRYING, FAILED, FAIL_WAIT, ...; DISABLED; UNKNOWN when no node reports it' },
    nodes: {
      type: 'array',
      items: { type: 'object', properties: { node: { type: 'string' }, state: { type: 'string' }, ping_status: nullableString } },
    },
  },
} as const;

export const providerStateView = (s: ProviderState) => ({
  provider_id: s.provider.id,
  gateway_uuid: s.provider.gatewayUuid,
  name: s.provider.name,
  tenant_id: s.provider.tenantId,
  profile: s.provider.profile,
  register: flag(s.provider.register),
  active: flag(s.provider.active),
  state: s.state,
  nodes: s.nodes.map((n) => ({ node: n.node, state: n.state, ping_status: n.pingStatus })),
});
