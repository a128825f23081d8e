// What sofia.conf, acl.conf and ivr.conf are rendered from: the SIP profiles' settings, the trunks,
// and an IVR menu with its options and its tenant's extension numbers (direct dial).
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

    /** The numbers of the tenant's enabled extensions (what an IVR's direct dial may reach). */
    async extensionNumbers(tenantId: number): Promise<string[]> {
      return (await db.extension.findMany({ where: { tenantId, enabled: true }, select: { extension: true }, orderBy: { extension: 'asc' } })).map((e) => e.extension);
    },

    async activeDomains(): Promise<string[]> {
      return (await db.tenant.findMany({ where: { active: true }, select: { domain: true }, orderBy: { domain: 'asc' } })).map((t) => t.domain);
    },
  };
}

export type ConfigurationRepository = ReturnType<typeof configurationRepository>;
