// Failed logins, shared by every node through the database.
import type { Db } from '../../db/database.ts';

export function loginFailuresRepository(db: Db) {
  return {
    record: (username: string, ip: string) => db.loginFailure.create({ data: { username, ip } }).then(() => undefined),
    /** The newest `count` failures for the username, newest first. */
    latest: (username: string, count: number) =>
      db.loginFailure.findMany({ where: { username }, orderBy: { createdAt: 'desc' }, take: count, select: { createdAt: true } }),
    clear: (username: string) => db.loginFailure.deleteMany({ where: { username } }).then(() => undefined),
  };
}

export type LoginFailuresRepository = ReturnType<typeof loginFailuresRepository>;
