// The type of the Prisma client that repositories (and xml_curl's hot reads, on an in-memory
// database) are written against. Both generated clients share one shape; the SQLite one's types
// stand for both.
import type { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';

export type Db = SqliteClient;
