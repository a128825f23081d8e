// Failed logins and MFA codes, shared by every node through the database, per account and source
// address (see lockout.ts).
import type { Db } from '../../db/database.ts';

export function loginFailuresRepository(db: Db) {
  return {
    record: (account: string, ip: string) => db.loginFailure.create({ data: { account, ip } }).then(() => undefined),
    /** The newest `count` failures of the account from `ip`, newest first. */
    latestFrom: (account: string, ip: string, count: number) =>
      db.loginFailure.findMany({ where: { account, ip }, orderBy: { createdAt: 'desc' }, take: count, select: { createdAt: true } }),
    /** Failures of the account from anywhere since `since`. */
    countSince: (account: string, since: Date) => db.loginFailure.count({ where: { account, createdAt: { gte: since } } }),
    clearFrom: (account: string, ip: string) => db.loginFailure.deleteMany({ where: { account, ip } }).then(() => undefined),
    clear: (account: string) => db.loginFailure.deleteMany({ where: { account } }).then(() => undefined),
  };
}

export type LoginFailuresRepository = ReturnType<typeof loginFailuresRepository>;
