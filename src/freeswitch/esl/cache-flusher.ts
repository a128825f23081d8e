// Tells every connected FreeSWITCH node to forget what a write changed, from the change bus:
// - extension, and voicemail (its box's params are the extension's directory user; the change's
//   id is the extension's): `xml_flush_cache id <user> <domain>` (every user when the extension is gone);
// - tenant: `xml_flush_cache` (its users, whose domain or state changed);
// - provider: `sofia profile <p> killgw <gateway>` for the gateway as it was (rescan never
//   updates an existing gateway), then `sofia profile <p> rescan` when it is still active;
// - sip_profile: `sofia profile <p> rescan` (settings that need a restart, such as ports, wait
//   for an operator's `sofia profile <p> restart`, because a restart drops the profile's calls);
// - queue: `callcenter_config queue reload <queue>`;
// - music_on_hold: `stop_local_stream` for the streams the change ended (a class deleted, renamed
//   or moved to another rate), `start_local_stream` for those it began (start is harmless on a
//   running stream, and launches one a node loaded before its directory existed), and
//   `reload_local_stream` for a stream whose params changed;
// - switch_node: the node list is re-read and applied to the live connections;
// - resync (the bus lost notices): every directory entry, and a rescan of every trunk's profile;
// - then `reloadacl` after any change that altered what FreeSWITCH builds its network lists from
//   (acl.conf and the network lists it names: trunk addresses, trusted networks, tenants' domains,
//   extensions' cidr, and trunk host names resolving to new addresses). FreeSWITCH reads them only
//   at start and on `reloadacl`, so a trunk added later was `Rejected by acl "providers"` until a
//   restart. They are read again only after a change carrying one of the labels they were
//   rendered from, and `reloadacl` is sent only when they read differently (an extension's new
//   display name changes nothing there).
// Routes, DIDs, destinations and caller ids need nothing: FreeSWITCH fetches the dialplan on
// every call. Flushes run one after another, so a node sees them in write order.
import type { Change, ChangeBus } from '../../infra/change-bus.ts';
import type { ChangeLabels } from '../xml-curl/change-tags.ts';
import type { AclSources } from './acl-sources.ts';
import type { EslLogger } from './client.ts';
import { commands } from './commands.ts';
import type { SwitchManager } from './manager.ts';

export interface GatewayRef {
  id: number;
  gateway: string;
  profile: string;
  active: boolean;
}

export interface FlushLookups {
  /** The extension's number and domain, or null when it no longer exists. */
  extension(id: string): Promise<{ extension: string; domain: string } | null>;
  /** Every provider's gateway name and profile. */
  gateways(): Promise<GatewayRef[]>;
}

export interface FlusherDeps {
  manager: SwitchManager;
  changes: ChangeBus;
  lookups: FlushLookups;
  /** Reads what `reloadacl` makes FreeSWITCH read (acl-sources.ts). */
  acl: () => Promise<AclSources>;
  /** The labels a change touches (the same the xml_curl cache drops). */
  labelsOf: ChangeLabels;
  log: EslLogger;
}

export function createCacheFlusher(deps: FlusherDeps) {
  const { manager, lookups, log } = deps;
  let known: Map<number, GatewayRef> | null = null;
  /** The network lists' sources as last read; null when unknown (never read, or the read failed). */
  let acl: AclSources | null = null;
  let queue: Promise<void> = Promise.resolve();

  async function gateways(): Promise<Map<number, GatewayRef>> {
    return new Map((await lookups.gateways()).map((g) => [g.id, g]));
  }

  /** Whether `change` altered the network lists' sources (read again only when it may have). */
  async function aclAltered(change: Change): Promise<boolean> {
    const touched = deps.labelsOf(change);
    const current = acl;
    if (current && touched !== null && !touched.some((label) => current.labels.has(label))) return false;
    if (manager.connected().length === 0) {
      // Nobody to tell, and each node reloads its lists when it connects; compared afresh after that.
      acl = null;
      return false;
    }
    try {
      acl = await deps.acl();
    } catch (err) {
      // FreeSWITCH could not fetch them either now; the next change that may alter them sends it.
      acl = null;
      log.warn({ err, entity: change.entity }, 'could not read acl.conf; reloadacl postponed');
      return false;
    }
    return current === null || current.digest !== acl.digest;
  }

  async function plan(change: Change): Promise<string[]> {
    const out = await commandsFor(change);
    if (await aclAltered(change)) out.push(commands.reloadAcl());
    return out;
  }

  async function commandsFor(change: Change): Promise<string[]> {
    switch (change.entity as string) {
      case 'extension':
      case 'voicemail': {
        const ext = change.id !== undefined ? await lookups.extension(String(change.id)) : null;
        return [ext ? commands.flushUser(ext.extension, ext.domain) : commands.flushAllUsers()];
      }
      case 'tenant':
        return [commands.flushAllUsers()];
      case 'provider': {
        const before = known ?? (await gateways());
        known = await gateways();
        const id = Number(change.id);
        const was = before.get(id);
        const now = known.get(id);
        const out: string[] = [];
        if (was) out.push(commands.killGateway(was.profile, was.gateway));
        if (now?.active) out.push(commands.profileRescan(now.profile));
        return out;
      }
      case 'sip_profile':
        return change.id !== undefined ? [commands.profileRescan(String(change.id))] : [];
      case 'queue':
        return change.id !== undefined ? [commands.queueReload(String(change.id))] : [];
      case 'music_on_hold': {
        const streams = change.streams;
        if (!streams) return [];
        return [...streams.stopped.map(commands.stopLocalStream), ...streams.started.map(commands.startLocalStream), ...streams.reloaded.map(commands.reloadLocalStream)];
      }
      case 'switch_node':
        await manager.reload();
        return [];
      case 'resync': {
        // Notices were lost: forget every directory entry and pick up any new gateway.
        known = await gateways();
        const profiles = new Set([...known.values()].filter((g) => g.active).map((g) => g.profile));
        return [commands.flushAllUsers(), ...[...profiles].sort().map(commands.profileRescan)];
      }
      default:
        return [];
    }
  }

  async function send(commandList: string[]) {
    for (const command of commandList) {
      for (const { node, result, error } of await manager.broadcast(command)) {
        if (error || !result?.ok) log.warn({ node, command, reply: error ?? result?.text }, 'cache flush failed');
        else log.debug({ node, command }, 'cache flushed');
      }
    }
  }

  // What to send is worked out as soon as the change is announced (so a quick later write does
  // not hide what this one touched), one change after another; sending follows in the same order.
  let planning: Promise<unknown> = Promise.resolve();
  const unsubscribe = deps.changes.subscribe((change) => {
    const planned = planning.then(() => plan(change));
    planning = planned.catch(() => {});
    queue = queue.then(async () => send(await planned)).catch((err) => log.error({ err, entity: change.entity }, 'cache flush failed'));
  });

  return {
    /** Learns the current gateways (so a later delete still knows the name to kill) and network lists. */
    async start() {
      try {
        known ??= await gateways();
      } catch (err) {
        log.warn({ err }, 'could not read the gateways');
      }
      try {
        acl ??= await deps.acl();
      } catch (err) {
        log.warn({ err }, 'could not read acl.conf');
      }
    },
    /** Resolves when every flush queued so far has been sent. */
    idle: () => queue,
    stop() {
      unsubscribe();
    },
  };
}
