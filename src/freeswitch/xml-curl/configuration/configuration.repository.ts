// What sofia.conf and acl.conf are rendered from: the SIP profiles' settings and the trunks.
import type { Db } from '../../../db/database.ts';
import type { ProviderRecord } from '../../../domain/providers/providers.repository.ts';

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

export function configurationRepository(db: Db) {
  return {
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

    async activeDomains(): Promise<string[]> {
      return (await db.tenant.findMany({ where: { active: true }, select: { domain: true }, orderBy: { domain: 'asc' } })).map((t) => t.domain);
    },
  };
}

export type ConfigurationRepository = ReturnType<typeof configurationRepository>;
