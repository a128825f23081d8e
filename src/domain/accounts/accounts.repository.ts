// ICTCore's accounts: fax accounts (type "account"), each owned by a user, read here for
// GET /users/:id/accounts (the fax capability adds writing); and which type an account is, so that
// /accounts/:id reaches the module that answers for it (DIDs, caller ids).
import type { Db, Prisma } from '../../db/database.ts';

export interface AccountRecord {
  id: number;
  tenantId: number | null;
  userId: number | null;
  type: string;
  username: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  description: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface AccountFilter {
  userId?: number;
  tenantId?: number;
  type?: string;
  username?: string;
  phone?: string;
  email?: string;
  active?: boolean;
}

function where(f: AccountFilter): Prisma.AccountWhereInput {
  return { userId: f.userId, tenantId: f.tenantId, type: f.type, username: f.username, phone: f.phone, email: f.email, active: f.active };
}

export function accountsRepository(db: Db) {
  return {
    async list(filter: AccountFilter, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }) {
      const [items, total] = await Promise.all([
        db.account.findMany({ where: where(filter), skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: p.order }] }),
        db.account.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    /** An account's type ("did", "cid", "account"), or null: which module answers for it. */
    async typeOf(id: number): Promise<string | null> {
      return (await db.account.findUnique({ where: { id }, select: { type: true } }))?.type ?? null;
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
