// Small system-wide settings stored as JSON under a key.
import type { Db } from '../../db/database.ts';
import { settingReads } from '../../db/setting-reads.ts';

export function settingsRepository(db: Db) {
  const reads = settingReads(db);
  return {
    async get<T>(key: string): Promise<T | null> {
      const value = await reads.value(key);
      return value === null ? null : (JSON.parse(value) as T);
    },
    async set<T>(key: string, value: T): Promise<void> {
      const text = JSON.stringify(value);
      await db.setting.upsert({ where: { key }, create: { key, value: text }, update: { value: text } });
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
