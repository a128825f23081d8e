// Sofia profile settings (SipProfileSetting rows), one set per profile name.
import type { Db } from '../../db/database.ts';
import type { ProfileSettingInput } from './sip-profile-defaults.ts';

export interface ProfileSettingRecord {
  name: string;
  value: string;
  enabled: boolean;
}

export function sipProfilesRepository(db: Db) {
  return {
    async names(): Promise<string[]> {
      const rows = await db.sipProfileSetting.findMany({ distinct: ['profile'], select: { profile: true }, orderBy: { profile: 'asc' } });
      return rows.map((r) => r.profile);
    },
    async settings(profile: string): Promise<ProfileSettingRecord[]> {
      return db.sipProfileSetting.findMany({ where: { profile }, select: { name: true, value: true, enabled: true }, orderBy: { name: 'asc' } });
    },
    async count(profile: string): Promise<number> {
      return db.sipProfileSetting.count({ where: { profile } });
    },
    /** Replaces the profile's settings with `settings` (an empty list removes the profile). */
    async replace(profile: string, settings: ProfileSettingInput[]): Promise<void> {
      await db.$transaction([
        db.sipProfileSetting.deleteMany({ where: { profile } }),
        db.sipProfileSetting.createMany({ data: settings.map((s) => ({ profile, name: s.name, value: s.value, enabled: s.enabled ?? true })) }),
      ]);
    },
    async create(profile: string, settings: ProfileSettingInput[]): Promise<void> {
      await db.sipProfileSetting.createMany({ data: settings.map((s) => ({ profile, name: s.name, value: s.value, enabled: s.enabled ?? true })) });
    },
  };
}

export type SipProfilesRepository = ReturnType<typeof sipProfilesRepository>;
