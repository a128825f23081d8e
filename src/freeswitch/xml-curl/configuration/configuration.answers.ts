// The configuration section: sofia.conf, acl.conf, ivr.conf (one menu, by Menu-Name) and
// conference.conf (the part mod_conference asks for), local_stream.conf (the stock streams and the
// tenants' music on hold) and callcenter.conf (everything at module load, one queue by CC-Queue) are
// rendered from the database, voicemail.conf from the settings (its storage-dir); every other .conf
// answers "not found" so FreeSWITCH reads its own file until a later module renders it.
import { isIP } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { proxyOf } from '../../../domain/providers/sip-proxy.ts';
import { profileValueProblem } from '../../../domain/shared/switch-syntax.ts';
import type { SecretBox } from '../../../security/secrets.ts';
import type { AnswerCache, Loaded } from '../answer-cache.ts';
import { tags } from '../change-tags.ts';
import type { FetchParams } from '../form-body.ts';
import { NO_TAGS, toXml, type Xml, type XmlAnswer } from '../xml.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { trusted } from '../templates/trusted-text.ts';
import type { ConfigurationRepository, ProfileSetting, Trunk } from './configuration.repository.ts';
import { roomProfile, STOCK_CONTROLS, stockDefaultProfile } from './conference-conf.ts';
import { ivrConfMenu } from './ivr-conf.ts';
import { callcenterConf } from './callcenter-conf.ts';
import { localStreams } from './local-stream-conf.ts';
import type { TrunkAddresses } from './trunk-addresses.ts';

/** The fields of a configuration fetch the answers read. */
export const CONFIGURATION_PARAMS = ['key_name', 'key_value', 'profile', 'Menu-Name', 'profile_name', 'Action', 'Controls', 'presence', 'CC-Queue'];

/** A conference room's profile name in conference.conf: its uuid (conferences.ts in dialplan/). */
const ROOM_PROFILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The stock names of conference.conf Switchyard answers for: the default profile and controls group. */
const STOCK_CONFERENCE = 'default';

/** A menu's name in ivr.conf: its uuid (ivr-menus.ts in dialplan/). */
const MENU_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The profile whose registrations span every tenant: it aliases all directory domains. */
export const DOMAINS_PROFILE = 'internal';

export interface ConfigurationDeps {
  repo: ConfigurationRepository;
  cache: AnswerCache;
  templates: TemplateStore;
  secrets: SecretBox;
  trustedNetworks: readonly string[];
  log: FastifyBaseLogger;
  /** The trunks' addresses (acl.conf needs addresses), names resolved in the background. */
  trunkAddresses: TrunkAddresses;
  /** voicemail.conf's storage-dir: where Switchyard writes greetings for FreeSWITCH to play. */
  voicemailStorageDir: string;
  /** MEDIA_DIR: where the music-on-hold classes' files are (FreeSWITCH reads the same path). */
  mediaDir: string;
}

/** The stock profile's sender: channel variables mod_voicemail expands per message (deliver_vm). */
const VOICEMAIL_EMAIL_FROM = trusted('${voicemail_account}@${voicemail_domain}');

const asCidr = (address: string) => (address.includes('/') ? address : `${address}/${isIP(address) === 6 ? 128 : 32}`);

/**
 * A trunk as a sofia gateway: the params parse_gateways (mod_sofia/sofia.c) reads, each left out
 * when unset so sofia's default holds. Three of the client's fields are not gateway params but
 * channel variables sofia reads per call, so they go in the gateway's <variables>: supress_cng
 * (switch_core_media.c; `supress-cng` is a profile param only), sip_cid_type (outbound, as
 * FusionPBX renders it) and codec_prefs as absolute_codec_string (outbound: the codecs offered to
 * the trunk; sofia has no gateway codec-prefs param).
 */
function gateway(trunk: Trunk, secrets: SecretBox) {
  const realm = trunk.realm || trunk.host;
  const pinging = trunk.pingSeconds >= 5;
  return {
    name: trunk.gatewayUuid,
    providerId: trunk.id,
    // sofia drops a gateway without both; trunks that authenticate by address carry none.
    username: trunk.username || 'switchyard',
    password: (trunk.passwordEnc && secrets.open(trunk.passwordEnc)) || 'switchyard',
    realm,
    proxy: proxyOf(trunk.host, trunk.port || 5060),
    fromUser: trunk.fromUser,
    fromDomain: trunk.fromDomain,
    authUsername: trunk.authUsername,
    registerProxy: trunk.registerProxy,
    outboundProxy: trunk.outboundProxy,
    register: trunk.register,
    expireSeconds: trunk.expireSeconds,
    retrySeconds: trunk.retrySeconds,
    callerIdInFrom: trunk.callerIdInFrom,
    transport: trunk.transport || 'udp',
    contactParams: trunk.contactParams,
    extension: trunk.extension,
    distinctTo: trunk.distinctTo,
    extensionInContact: trunk.extensionInContact,
    // sofia ignores pings under 5 s, and reads ping-min, ping-max and contact-in-ping only with a ping.
    ping: pinging ? trunk.pingSeconds : undefined,
    pingMin: pinging && trunk.pingMin > 0 ? trunk.pingMin : undefined,
    pingMax: pinging && trunk.pingMax > 0 ? trunk.pingMax : undefined,
    contactInPing: pinging && trunk.contactInPing,
    context: trunk.context || 'public',
    supressCng: trunk.suppressCng,
    // 'none' (the client's default) leaves the profile's caller-id-type in force.
    sipCidType: trunk.sipCidType === 'none' ? '' : trunk.sipCidType,
    codecs: trunk.codecPrefs,
  };
}

export function createConfigurationAnswers({ repo, cache, templates, secrets, trustedNetworks, log, trunkAddresses, voicemailStorageDir, mediaDir }: ConfigurationDeps) {
  const notFound = toXml(templates.get('not-found.xml').render({}));
  /** Not found before reading anything. */
  const nothing: XmlAnswer = { xml: notFound, tags: NO_TAGS };

  /**
   * Settings may name FreeSWITCH variables (checked when written); one that fails the check again
   * here (written before the check existed) is left out rather than take the profile down.
   */
  function profileSettings(settings: ProfileSetting[]) {
    return settings.flatMap((s) => {
      const problem = profileValueProblem(s.value);
      if (problem === null) return [{ name: s.name, value: trusted(s.value) }];
      log.error({ profile: s.profile, setting: s.name, problem }, 'sofia.conf: setting left out');
      return [];
    });
  }

  function sofia(profile: string): Promise<Loaded<Xml | null>> {
    return cache.get<Xml | null>(`cfg:sofia:${profile}`, async () => {
      const [settings, trunks] = await Promise.all([repo.profileSettings(), repo.activeTrunks()]);
      const names = [...new Set(settings.map((s) => s.profile))].filter((name) => !profile || name === profile);
      const dependsOn = [tags.sipProfiles, tags.providers];
      if (names.length === 0) return { value: null, tags: dependsOn };
      const profiles = names.map((name) => ({
        name,
        aliasDomains: name === DOMAINS_PROFILE,
        settings: profileSettings(settings.filter((s) => s.profile === name)),
        gateways: trunks.filter((t) => t.profile === name).map((t) => gateway(t, secrets)),
      }));
      return { value: toXml(templates.get('sofia.conf.xml').render({ profiles })), tags: dependsOn };
    });
  }

  function acl(): Promise<Loaded<Xml>> {
    return cache.get('cfg:acl', async () => {
      const [trunks, domains] = await Promise.all([repo.activeTrunks(), repo.activeDomains()]);
      const addresses = trunkAddresses.addressesOf(trunks.map((t) => t.host));
      const providers = [...new Set([...addresses, ...trustedNetworks].map(asCidr))];
      return { value: toXml(templates.get('acl.conf.xml').render({ providers, domains })), tags: [tags.providers, tags.tenants, tags.trunkAddresses] };
    });
  }

  /** The menu by its name, or null (not one of Switchyard's menus, disabled, or its tenant's gone). */
  function ivr(name: string): Promise<Loaded<Xml | null>> {
    return cache.get<Xml | null>(`cfg:ivr:${name}`, async () => {
      const menu = await repo.ivrMenu(name);
      if (!menu) return { value: null, tags: [tags.ivrMenus, tags.tenants] };
      const extensions = menu.directDial ? await repo.extensionNumbers(menu.tenantId) : [];
      return {
        value: toXml(templates.get('ivr.conf.xml').render({ menu: ivrConfMenu(menu, extensions) })),
        tags: [tags.ivrMenusOf(menu.tenantId), tags.extensionsOf(menu.tenantId), tags.tenant(menu.tenantId), tags.tenants],
      };
    });
  }

  const conferenceConf = (parts: Record<string, unknown>) => toXml(templates.get('conference.conf.xml').render(parts));
  /** What does not depend on the database, rendered once. */
  const conferenceStock = {
    advertise: { xml: conferenceConf({ advertise: true }), tags: NO_TAGS },
    controls: { xml: conferenceConf({ controls: { name: STOCK_CONFERENCE, list: STOCK_CONTROLS } }), tags: NO_TAGS },
    profile: { xml: conferenceConf({ profile: stockDefaultProfile() }), tags: NO_TAGS },
  };

  /** A room's profile by its name, or null (not one of Switchyard's rooms, disabled, or its tenant's gone). */
  function conferenceRoom(name: string): Promise<Loaded<Xml | null>> {
    return cache.get<Xml | null>(`cfg:conference:${name}`, async () => {
      const room = await repo.conferenceRoom(name);
      if (!room) return { value: null, tags: [tags.conferences, tags.tenants] };
      return { value: conferenceConf({ profile: roomProfile(room) }), tags: [tags.conferencesOf(room.tenantId), tags.tenant(room.tenantId), tags.tenants] };
    });
  }

  /** The part of conference.conf mod_conference asks for (conference-conf.ts); any other is FreeSWITCH's own file's. */
  async function conference(p: FetchParams): Promise<XmlAnswer> {
    if (p.Action === 'request-controls') return p.Controls === STOCK_CONFERENCE ? conferenceStock.controls : nothing;
    if (p.profile_name !== undefined) {
      if (p.profile_name === STOCK_CONFERENCE) return conferenceStock.profile;
      if (!ROOM_PROFILE.test(p.profile_name)) return nothing;
      const read = await conferenceRoom(p.profile_name);
      return { xml: read.value ?? notFound, tags: read.tags };
    }
    return p.presence === 'true' ? conferenceStock.advertise : nothing;
  }

  function localStream(): Promise<Loaded<Xml>> {
    return cache.get('cfg:local_stream', async () => {
      const streams = localStreams(await repo.musicStreams(), mediaDir);
      return { value: toXml(templates.get('local_stream.conf.xml').render({ streams })), tags: [tags.musicOnHold, tags.tenants] };
    });
  }

  /**
   * callcenter.conf: every queue at module load (no CC-Queue), or the queue mod_callcenter names
   * (CC-Queue, <extension>@<domain>) with its agents and tiers; an unknown name answers the
   * document without queues (load_queue then finds none).
   */
  function callcenter(queueName: string | undefined): Promise<Loaded<Xml>> {
    return cache.get(`cfg:callcenter:${queueName ?? '*'}`, async () => {
      const dependsOn = [tags.callQueues, tags.tenants, tags.extensions];
      const render = (queues: Parameters<typeof callcenterConf>[0]) => toXml(templates.get('callcenter.conf.xml').render(callcenterConf(queues, queueName === undefined)));
      if (queueName === undefined) return { value: render(await repo.callQueues()), tags: dependsOn };
      const at = queueName.indexOf('@');
      const queue = at > 0 ? await repo.callQueue(queueName.slice(0, at), queueName.slice(at + 1)) : null;
      return { value: render(queue ? [queue] : []), tags: dependsOn };
    });
  }

  return async function configuration(p: FetchParams): Promise<XmlAnswer> {
    const name = p.key_name === 'name' || !p.key_name ? p.key_value : '';
    if (name === 'sofia.conf') {
      const read = await sofia(p.profile ?? '');
      return { xml: read.value ?? notFound, tags: read.tags };
    }
    if (name === 'acl.conf') {
      const read = await acl();
      return { xml: read.value, tags: read.tags };
    }
    if (name === 'voicemail.conf') {
      const read = await cache.get('cfg:voicemail', async () => ({
        value: toXml(templates.get('voicemail.conf.xml').render({ storageDir: voicemailStorageDir, emailFrom: VOICEMAIL_EMAIL_FROM })),
        tags: [],
      }));
      return { xml: read.value, tags: read.tags };
    }
    if (name === 'local_stream.conf') {
      const read = await localStream();
      return { xml: read.value, tags: read.tags };
    }
    if (name === 'ivr.conf') {
      const menu = p['Menu-Name'] ?? '';
      // Any other name is FreeSWITCH's own (its static ivr.conf): not looked up, not cached.
      if (!MENU_NAME.test(menu)) return nothing;
      const read = await ivr(menu);
      return { xml: read.value ?? notFound, tags: read.tags };
    }
    if (name === 'conference.conf') return conference(p);
    if (name === 'callcenter.conf') {
      const read = await callcenter(p['CC-Queue'] || undefined);
      return { xml: read.value, tags: read.tags };
    }
    return nothing;
  };
}
