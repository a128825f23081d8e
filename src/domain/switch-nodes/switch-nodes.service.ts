// FreeSWITCH nodes (the super-admin's): configured here, connected by the Event Socket manager,
// which re-reads them on every change (the change bus carries `switch_node`). The Event Socket
// password is sealed at rest and never leaves this service.
import type { Config } from '../../config.ts';
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { NodeStatus, NodeTarget } from './node-status.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import type { SwitchNodeFields, SwitchNodeRecord, SwitchNodesRepository } from './switch-nodes.repository.ts';
import { SwitchNodeCreate, SwitchNodeFilter, SwitchNodeUpdate, type SwitchNodeUpdateInput, type SwitchNodeView } from './switch-nodes.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

/** A node as adapters see it: its configuration (no password) and its live connection. */
export interface SwitchNode {
  id: number | null;
  name: string;
  host: string;
  port: number;
  enabled: boolean;
  source: 'env' | 'db';
  /** connecting, connected, auth_failed, disconnected, or disabled (not connected on purpose). */
  state: string;
  since: Date | null;
  connectedAt: Date | null;
  lastError: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const SORTABLE = { switch_node_id: 'id', id: 'id', name: 'name', host: 'host', date_created: 'createdAt' };

export function switchNodeView(n: SwitchNode): SwitchNodeView {
  return {
    switchNodeId: n.id,
    name: n.name,
    host: n.host,
    port: n.port,
    enabled: n.enabled,
    source: n.source,
    state: n.state,
    stateSince: unixSeconds(n.since),
    connectedSince: unixSeconds(n.connectedAt),
    lastError: n.lastError,
    dateCreated: unixSeconds(n.createdAt),
    lastUpdated: unixSeconds(n.updatedAt),
  };
}

export const nodeKey = (id: number) => `db:${id}`;

export function createSwitchNodesService(deps: {
  config: Config;
  nodes: SwitchNodesRepository;
  secrets: SecretBox;
  changes: ChangeBus;
  activity: ActivityLog;
  /** The Event Socket manager's view of every node it runs. */
  status: () => NodeStatus[];
}) {
  const { nodes, secrets, changes, activity } = deps;
  const envName = deps.config.esl.defaultNode?.name;

  function superAdmin(ctx: Ctx, permission: string): asserts ctx is AuthedCtx {
    authorize(ctx, permission);
    if (!ctx.actor.isAdmin) throw forbidden('Switch nodes are managed by the super-admin');
  }

  function present(record: SwitchNodeRecord): SwitchNode {
    const live = deps.status().find((s) => s.key === nodeKey(record.id));
    return {
      id: record.id,
      name: record.name,
      host: record.host,
      port: record.port,
      enabled: record.enabled,
      source: 'db',
      state: record.enabled ? (live?.state ?? 'disconnected') : 'disabled',
      since: live?.since ?? null,
      connectedAt: live?.connectedAt ?? null,
      lastError: live?.lastError ?? null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  /** The columns of a parsed input; what the schema cannot check (a unique name) checked here. */
  async function checked(input: SwitchNodeUpdateInput, exceptId?: number): Promise<SwitchNodeFields> {
    const fields: SwitchNodeFields = {};
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (name === envName || (await nodes.nameTaken(name, exceptId))) throw conflict(`A switch node named ${name} already exists`);
      fields.name = name;
    }
    if (input.host !== undefined) fields.host = input.host.trim().replace(/^\[|\]$/g, '');
    if (input.port !== undefined) fields.port = input.port;
    if (input.password !== undefined) fields.passwordEnc = secrets.seal(input.password);
    if (input.enabled !== undefined) fields.enabled = input.enabled;
    return fields;
  }

  async function visible(id: number, ctx: Ctx, permission: string): Promise<SwitchNodeRecord> {
    superAdmin(ctx, permission);
    const record = await nodes.findById(id);
    if (!record) throw notFound('Switch node');
    return record;
  }

  const announce = (id: number) => changes.publish({ entity: 'switch_node', tenantId: null, id });

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<SwitchNode>> {
      superAdmin(ctx, 'switch_node_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'switch_node_id');
      const { items, total } = await nodes.list(parse(SwitchNodeFilter, filters), p);
      return page(items.map(present), total, p);
    },

    get: async (id: number, ctx: Ctx) => present(await visible(id, ctx, 'switch_node_read')),

    /** Every node Switchyard runs, FREESWITCH_ESL's included, with its state. */
    async all(ctx: Ctx): Promise<SwitchNode[]> {
      superAdmin(ctx, 'switch_node_list');
      const rows = (await nodes.list({}, { skip: 0, take: 10_000, sortField: 'name', order: 'asc' })).items.map(present);
      const env = deps.status().find((s) => s.source === 'env');
      const fromEnv: SwitchNode[] = env
        ? [{ id: null, name: env.name, host: env.host, port: env.port, enabled: true, source: 'env', state: env.state, since: env.since, connectedAt: env.connectedAt, lastError: env.lastError, createdAt: null, updatedAt: null }]
        : [];
      return [...fromEnv, ...rows];
    },

    async create(body: unknown, ctx: Ctx): Promise<SwitchNode> {
      superAdmin(ctx, 'switch_node_create');
      const fields = await checked(parse(SwitchNodeCreate, body));
      const record = await nodes.create({ ...fields, name: fields.name!, host: fields.host!, passwordEnc: fields.passwordEnc! });
      await announce(record.id);
      await activity.record(ctx, 'switch_node_created', `Add Switch Node ${record.name} (${record.host}:${record.port})`);
      return present(record);
    },

    async update(id: number, body: unknown, ctx: Ctx): Promise<SwitchNode> {
      await visible(id, ctx, 'switch_node_update');
      const input = parse(SwitchNodeUpdate, body);
      const record = await nodes.update(id, await checked(input, id));
      await announce(id);
      await activity.record(ctx, 'switch_node_updated', `Update Switch Node ${record.name}: ${Object.keys(input).join(', ')}`);
      return present(record);
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const record = await visible(id, ctx, 'switch_node_delete');
      await nodes.delete(id);
      await announce(id);
      await activity.record(ctx, 'switch_node_deleted', `Delete Switch Node ${record.name}`);
    },

    /** The enabled nodes with their passwords opened: for the Event Socket manager only. */
    async targets(): Promise<NodeTarget[]> {
      return (await nodes.enabled()).map((n) => ({ key: nodeKey(n.id), name: n.name, host: n.host, port: n.port, password: secrets.open(n.passwordEnc), source: 'db' as const }));
    },
  };
}

export type SwitchNodesService = ReturnType<typeof createSwitchNodesService>;
