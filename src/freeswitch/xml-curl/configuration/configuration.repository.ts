// What sofia.conf and acl.conf are rendered from: the SIP profiles' settings and the trunks.
import type { Db } from '../../../db/database.ts';

export interface ProfileSetting {
  profile: string;
  name: string;
  value: string;
}

export interface Trunk {
  id: number;
  gatewayUuid: string;
  host: string;
  port: number;
  username: string;
  passwordEnc: string;
  realm: string;
  fromDomain: string;
  register: boolean;
  expireSeconds: number;
  retrySeconds: number;
  callerIdInFrom: boolean;
  transport: string;
  pingSeconds: number;
  profile: string;
}

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
