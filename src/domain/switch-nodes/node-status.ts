// A FreeSWITCH node as the Event Socket client connects to it (its target) and reports on it (its
// status): the switch-nodes admin lists them, the client (freeswitch/esl) fills them in.

export interface NodeTarget {
  /** Stable identity: `env` for FREESWITCH_ESL, `db:<id>` for a switch node row. */
  key: string;
  name: string;
  host: string;
  port: number;
  password: string;
  source: 'env' | 'db';
}

export type NodeState = 'connecting' | 'connected' | 'auth_failed' | 'disconnected' | 'stopped';

export interface NodeStatus {
  key: string;
  name: string;
  host: string;
  port: number;
  source: 'env' | 'db';
  state: NodeState;
  since: Date;
  connectedAt: Date | null;
  lastError: string | null;
  /** Consecutive connection attempts (TCP probes included) since the last success. */
  attempts: number;
  lastHeartbeatAt: Date | null;
}
