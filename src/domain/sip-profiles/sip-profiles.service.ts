// Sofia profile settings: read and replaced by the super-admin, seeded with the defaults on a
// fresh database. A change publishes `sip_profile` so the sofia.conf answers are re-rendered.
import { authorize, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { parse } from '../shared/schema.ts';
import { checkProfileValue } from '../shared/switch-syntax.ts';
import { DEFAULT_PROFILES } from './sip-profile-defaults.ts';
import type { SipProfilesRepository } from './sip-profiles.repository.ts';
import { ProfileSettings, type SipProfileView } from './sip-profiles.schema.ts';

export type SipProfile = SipProfileView;

export function createSipProfilesService(deps: { repo: SipProfilesRepository; changes: ChangeBus; activity: ActivityLog }) {
  const { repo, changes, activity } = deps;
  return {
    async list(ctx: Ctx): Promise<SipProfile[]> {
      authorize(ctx, 'sip_profile_read');
      return Promise.all((await repo.names()).map(async (profile) => ({ profile, settings: await repo.settings(profile) })));
    },

    async get(profile: string, ctx: Ctx): Promise<SipProfile> {
      authorize(ctx, 'sip_profile_read');
      const settings = await repo.settings(profile);
      if (settings.length === 0) throw notFound('SIP profile');
      return { profile, settings };
    },

    async replace(profile: string, body: unknown, ctx: Ctx): Promise<SipProfile> {
      authorize(ctx, 'sip_profile_update');
      const { settings } = parse(ProfileSettings, body);
      const seen = new Set<string>();
      for (const [i, s] of settings.entries()) {
        if (seen.has(s.name)) throw validationFailed(`settings/${i}/name`, `repeats "${s.name}"`);
        seen.add(s.name);
        checkProfileValue(`settings/${i}/value`, s.value);
      }
      await repo.replace(profile, settings);
      await changes.publish({ entity: 'sip_profile', tenantId: null, id: profile });
      await activity.record(ctx, 'sip_profile_updated', `Update SIP profile ${profile}: ${settings.length} settings`, { tenantId: null });
      return { profile, settings: await repo.settings(profile) };
    },

    /** Seeds each default profile that has no settings at all (a fresh database). */
    async ensureDefaults(): Promise<void> {
      for (const [profile, settings] of Object.entries(DEFAULT_PROFILES)) {
        if ((await repo.count(profile)) > 0) continue;
        try {
          await repo.create(profile, settings);
        } catch (err) {
          // Another node seeding the same fresh database at the same moment.
          if ((err as { code?: string }).code !== 'P2002') throw err;
        }
      }
    },
  };
}

export type SipProfilesService = ReturnType<typeof createSipProfilesService>;
