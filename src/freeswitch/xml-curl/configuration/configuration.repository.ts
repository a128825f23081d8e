// What sofia.conf, acl.conf, ivr.conf, conference.conf and local_stream.conf are rendered from: the
// SIP profiles' settings, the trunks, an IVR menu with its options and its tenant's extension
// numbers (direct dial), a conference room, and the tenants' music-on-hold classes.
import type { Db } from '../../../db/database.ts';
import type { ProviderRecord } from '../../../domain/providers/providers.repository.ts';
import { callQueuesRepository } from '../../../domain/call-queues/call-queues.repository.ts';

export interface ProfileSetting {
  profile: string;
  name: string;
  value: string;
}

/** A trunk as sofia.conf and acl.conf render it. */
export type Trunk = Pick<ProviderRecord, keyof typeof trunkSelect>;

const trunkSelect = {
  id: true,
  gatewayUuid: true,
  host: true,
  port: true,
  username: true,
  passwordEnc: true,
  realm: true,
  fromUser: true,
  fromDomain: true,
  authUsername: true,
  registerProxy: true,
  outboundProxy: true,
  register: true,
  expireSeconds: true,
  retrySeconds: true,
  callerIdInFrom: true,
  transport: true,
  contactParams: true,
  extension: true,
  distinctTo: true,
  suppressCng: true,
  sipCidType: true,
  extensionInContact: true,
  contactInPing: true,
  pingSeconds: true,
  pingMin: true,
  pingMax: true,
  codecPrefs: true,
  context: true,
  profile: true,
} as const;

/** An enabled IVR menu of a live tenant, its enabled options in order. */
export interface IvrConfMenu {
  id: string;
  tenantId: number;
  greetLong: string;
  greetShort: string;
  invalidSound: string;
  exitSound: string;
  timeout: number;
  maxFailures: number;
  maxTimeouts: number;
  directDial: boolean;
  tenant: { domain: string };
  options: { digits: string; action: string; param: string; destinationType: string; destinationValue: string }[];
}

/** An enabled conference room of a live tenant, as its conference.conf profile renders it. */
export interface ConferenceConfRoom {
  id: string;
  tenantId: number;
  extension: string;
  pin: string;
  moderatorPin: string;
  pinRetries: number;
  maxMembers: number;
  record: boolean;
  waitMod: boolean;
  profile: string;
  holdMusic: string;
  tenant: { domain: string };
}

/** A music-on-hold class as local_stream.conf renders it (rate 0: any rate). */
export interface LocalStreamClass {
  name: string;
  rate: number;
  shuffle: boolean;
  channels: number;
  interval: number;
  timerName: string;
  chimeList: string;
  chimeFreq: number;
  chimeMax: number;
  tenant: { domain: string; domainUuid: string };
}

export function configurationRepository(db: Db) {
  const callQueues = callQueuesRepository(db);
  return {
    /** Every call queue (callcenter.conf at module load). */
    callQueues: () => callQueues.all(),
    /** The call queue mod_callcenter names <extension>@<domain>, or null. */
    callQueue: (extension: string, domain: string) => callQueues.byFreeswitchName(extension, domain),

    /** Enabled settings of every profile, ordered by profile then name. */
    async profileSettings(): Promise<ProfileSetting[]> {
      return db.sipProfileSetting.findMany({
        where: { enabled: true },
        select: { profile: true, name: true, value: true },
        orderBy: [{ profile: 'asc' }, { name: 'asc' }],
      });
    },

    async activeTrunks(): Promise<Trunk[]> {
      return db.provider.findMany({ where: { active: true }, select: trunkSelect, orderBy: { id: 'asc' } });
    },

    async ivrMenu(id: string): Promise<IvrConfMenu | null> {
      return db.ivrMenu.findFirst({
        where: { id, enabled: true, tenant: { active: true } },
        select: {
          id: true,
          tenantId: true,
          greetLong: true,
          greetShort: true,
          invalidSound: true,
          exitSound: true,
          timeout: true,
          maxFailures: true,
          maxTimeouts: true,
          directDial: true,
          tenant: { select: { domain: true } },
          options: {
            where: { enabled: true },
            select: { digits: true, action: true, param: true, destinationType: true, destinationValue: true },
            orderBy: [{ position: 'asc' }, { id: 'asc' }],
          },
        },
      });
    },

    async conferenceRoom(id: string): Promise<ConferenceConfRoom | null> {
      return db.conference.findFirst({
        where: { id, enabled: true, tenant: { active: true } },
        select: {
          id: true,
          tenantId: true,
          extension: true,
          pin: true,
          moderatorPin: true,
          pinRetries: true,
          maxMembers: true,
          record: true,
          waitMod: true,
          profile: true,
          holdMusic: true,
          tenant: { select: { domain: true } },
        },
      });
    },

    /** The numbers of the tenant's enabled extensions (what an IVR's direct dial may reach). */
    async extensionNumbers(tenantId: number): Promise<string[]> {
      return (await db.extension.findMany({ where: { tenantId, enabled: true }, select: { extension: true }, orderBy: { extension: 'asc' } })).map((e) => e.extension);
    },

    /** The music-on-hold classes of the live tenants (local_stream.conf), by domain, name and rate. */
    async musicStreams(): Promise<LocalStreamClass[]> {
      return db.musicOnHold.findMany({
        where: { tenant: { active: true } },
        select: { name: true, rate: true, shuffle: true, channels: true, interval: true, timerName: true, chimeList: true, chimeFreq: true, chimeMax: true, tenant: { select: { domain: true, domainUuid: true } } },
        orderBy: [{ tenant: { domain: 'asc' } }, { name: 'asc' }, { rate: 'asc' }],
      });
    },

    async activeDomains(): Promise<string[]> {
      return (await db.tenant.findMany({ where: { active: true }, select: { domain: true }, orderBy: { domain: 'asc' } })).map((t) => t.domain);
    },
  };
}

export type ConfigurationRepository = ReturnType<typeof configurationRepository>;
