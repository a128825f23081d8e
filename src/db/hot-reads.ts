// Reads for xml_curl's hot path, straight on the driver with one prepared statement per SQL text.
// Prisma compiles, prepares and maps every call: on SQLite that is about 200 µs of a directory
// lookup's 600, where a kept statement costs only what the database does. The SQL is written here
// in the codebase (never built from input), its texts are few (callers vary only a placeholder
// count), and it only reads: every write still goes through Prisma.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Db } from './database.ts';

export type Row = Record<string, unknown>;

export interface HotReads {
  /** The rows of `sql` (placeholders are `?`, bound in order) as objects keyed by column name. */
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** How many reads can run at once (the pool's size; 1 where reads run one by one). */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * A read-only connection of its own to the SQLite file (WAL lets it read while Prisma writes),
 * opened at the first read: by then Prisma has created the file and set its journal mode.
 */
export function sqliteHotReads(path: string, onQuery?: (sql: string) => void): HotReads {
  let connection: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  return {
    connections: 1,
    async all(sql, params) {
      onQuery?.(sql);
      let statement = statements.get(sql);
      if (!statement) {
        connection ??= new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
        statements.set(sql, (statement = connection.prepare(sql)));
      }
      return statement.all(...params) as Row[];
    },
    async close() {
      connection?.close();
    },
  };
}

/** A small pool of its own; each SQL text becomes a named statement, prepared once per connection. */
export function postgresHotReads(url: string, onQuery?: (sql: string) => void): HotReads {
  const connections = 4;
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // An idle connection that drops (a PostgreSQL restart) is replaced by the next query; a query
  // that fails rejects on its own.
  pool.on('error', () => {});
  const statements = new Map<string, { name: string; text: string }>();
  return {
    connections,
    async all(sql, params) {
      onQuery?.(sql);
      let statement = statements.get(sql);
      if (!statement) {
        let n = 0;
        statements.set(sql, (statement = { name: `hot_read_${statements.size}`, text: sql.replace(/\?/g, () => `$${++n}`) }));
      }
      const result = await pool.query({ ...statement, values: [...params] });
      return result.rows as Row[];
    },
    close: () => pool.end(),
  };
}

/** Through Prisma, for an in-memory SQLite database that no second connection can open. */
export function prismaHotReads(db: Db): HotReads {
  return {
    connections: 1,
    all: (sql, params) => db.$queryRawUnsafe<Row[]>(sql, ...params),
    close: async () => {},
  };
}
