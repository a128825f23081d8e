// Fan-out of normalised switch events to in-process subscribers. Delivery is synchronous and in
// order, after the live state has applied the event; a subscriber that throws is logged and
// does not affect the others or the connection. Subscribers that do slow work queue it
// themselves (and bound that queue).
import type { EslLogger, NodeState } from './client.ts';
import type { GatewayStatus, LiveChannel, LiveRegistration, VoicemailLeftHeaders } from './normalise.ts';

interface Base {
  /** The node (FreeSWITCH) the event came from. */
  node: string;
  /** Milliseconds since the epoch, when Switchyard received it. */
  at: number;
}

export type SwitchEvent =
  | (Base & {
      kind: 'channel';
      /** `update` for every channel event but the last; `hangup` once the channel is gone. */
      action: 'update' | 'hangup';
      /** The FreeSWITCH event name (CHANNEL_CREATE, CHANNEL_ANSWER, ...). */
      eventName: string;
      domain: string | null;
      channel: LiveChannel;
      hangupCause: string | null;
    })
  | (Base & { kind: 'registration'; action: 'register' | 'unregister' | 'expire'; domain: string; registration: LiveRegistration })
  | (Base & { kind: 'gateway'; gateway: GatewayStatus })
  | (Base & { kind: 'conference'; action: string; conference: string; domain: string | null; memberId: string | null; uuid: string | null })
  | (Base & { kind: 'job'; jobUuid: string; command: string; ok: boolean; text: string })
  /** A call flow's toggle code was dialled (CUSTOM switchyard::call_flow); the uuid as the event carried it. */
  | (Base & { kind: 'call_flow'; callFlowUuid: string | null })
  /** Follow-me's toggle code was dialled (CUSTOM switchyard::follow_me); the values as the event carried them. */
  | (Base & { kind: 'follow_me'; domain: string | null; extension: string | null; enabled: string | null })
  /** A phone subscribed to a presence (PRESENCE_PROBE): its proto and `to` as mod_sofia sent them. */
  | (Base & { kind: 'presence_probe'; proto: string | null; to: string | null })
  /** mod_callcenter set an agent's status (CUSTOM callcenter::info, agent-status-change); the values as the event carried them. */
  | (Base & { kind: 'agent_status'; agent: string | null; status: string | null })
  /** mod_voicemail took a message (CUSTOM vm::maintenance, VM-Action leave-message); its VM-* headers as sent. */
  | (Base & { kind: 'voicemail_left'; headers: VoicemailLeftHeaders })
  | (Base & { kind: 'node'; state: NodeState })
  /** The node's channels and registrations were replaced by a snapshot (after a (re)connect). */
  | (Base & { kind: 'resync'; channels: number; registrations: number });

export type SwitchEventListener = (event: SwitchEvent) => void;

export interface EventStream {
  /** Receives every event from now on; returns the unsubscribe function. */
  subscribe(listener: SwitchEventListener): () => void;
  listenerCount(): number;
}

export function createEventStream(log: () => EslLogger) {
  const listeners = new Set<SwitchEventListener>();
  return {
    subscribe(listener: SwitchEventListener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    listenerCount: () => listeners.size,
    emit(event: SwitchEvent) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          log().error({ err, kind: event.kind, node: event.node }, 'switch event subscriber failed');
        }
      }
    },
  };
}
