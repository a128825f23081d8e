// Small system-wide settings stored as JSON under a key.
import type { Db } from '../../db/database.ts';

export function settingsRepository(db: Db) {
  return {
    async get<T>(key: string): Promise<T | null> {
      const row = await db.setting.findUnique({ where: { key } });
      return row ? (JSON.parse(row.value) as T) : null;
    },
    async set<T>(key: string, value: T): Promise<void> {
      const text = JSON.stringify(value);
      await db.setting.upsert({ where: { key }, create: { key, value: text }, update: { value: text } });
    },
  };
}

export type SettingsRepository = ReturnType<typeof settingsRepository>;
