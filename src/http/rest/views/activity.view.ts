// An activity log entry with ICTCore's activitylog names (plus `action`, a stable keyword).
import type { ActivityRecord } from '../../../domain/activities/activities.repository.ts';
import { unixSeconds } from '../shared.ts';

export const activitySchema = {
  type: 'object',
  properties: {
    activitylog_id: { type: 'integer' },
    id: { type: 'integer' },
    user_id: { type: ['integer', 'null'] },
    tenant_id: { type: ['integer', 'null'] },
    username: { type: 'string' },
    activities: { type: 'string', description: 'What happened, in words' },
    action: { type: 'string', description: 'What happened, as a keyword (login, user_created, ...)' },
    ip_address: { type: 'string' },
    date: { type: 'integer', description: 'Unix seconds' },
  },
} as const;

/** The entry's text; entries without one (a few security events) fall back to the keyword. */
export const activityText = (a: ActivityRecord) => a.detail || a.action;

export function activityView(a: ActivityRecord) {
  return {
    activitylog_id: a.id,
    id: a.id,
    user_id: a.userId,
    tenant_id: a.tenantId,
    username: a.username,
    activities: activityText(a),
    action: a.action,
    ip_address: a.ip,
    date: unixSeconds(a.createdAt)!,
  };
}
