// Records what actors do. A failure to log never fails the action it describes.
import type { Ctx } from '../../context.ts';
import type { ActivitiesRepository } from './activities.repository.ts';

export interface ActivitySubject {
  userId?: number | null;
  tenantId?: number | null;
  username?: string;
}

export function createActivityLog(repo: ActivitiesRepository) {
  return {
    async record(ctx: Ctx, action: string, detail = '', subject: ActivitySubject = {}): Promise<void> {
      try {
        await repo.record({
          userId: subject.userId ?? ctx.actor?.id ?? null,
          tenantId: subject.tenantId ?? ctx.actor?.tenantId ?? null,
          username: subject.username ?? ctx.actor?.username ?? '',
          action,
          detail,
          ip: ctx.ip,
        });
      } catch (err) {
        ctx.log.error({ err, action }, 'could not record activity');
      }
    },
  };
}

export type ActivityLog = ReturnType<typeof createActivityLog>;
