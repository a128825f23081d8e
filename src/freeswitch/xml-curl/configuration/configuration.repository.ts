// What sofia.conf and acl.conf are rendered from: the SIP profiles' settings and the trunks.
import type { Db } from '../../../db/database.ts';
import type { ProviderRecord } from '../../../domain/providers/providers.repository.ts';

export interface ProfileSetting {
  profile: string;
  name: string;
  value: string;
}

/** A trunk as sofia.conf and acl.conf render it. */
export type Trunk = Pick<
  ProviderRecord,
  'id' | 'gatewayUuid' | 'host' | 'port' | 'username' | 'passwordEnc' | 'realm' | 'fromDomain' | 'register' | 'expireSeconds' | 'retrySeconds' | 'callerIdInFrom' | 'transport' | 'pingSeconds' | 'profile'
>;

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
      return db.provider.findMany({
        where: { active: true },
        select: {
          id: true,
          gatewayUuid: true,
          host: true,
          port: true,
          username: true,
          passwordEnc: true,
          realm: true,
          fromDomain: true,
          register: true,
          expireSeconds: true,
          retrySeconds: true,
          callerIdInFrom: true,
          transport: true,
          pingSeconds: true,
          profile: true,
        },
        orderBy: { id: 'asc' },
      });
    },

    async activeDomains(): Promise<string[]> {
      return (await db.tenant.findMany({ where: { active: true }, select: { domain: true }, orderBy: { domain: 'asc' } })).map((t) => t.domain);
    },
  };
}

export type ConfigurationRepository = ReturnType<typeof configurationRepository>;
