// Reads for hot paths (xml_curl's directory, the API's most frequent reads), straight on the driver
// with one prepared statement per SQL text. Prisma compiles, prepares and maps every call, and
// reads each relation in a statement of its own: on SQLite that is about 200 µs of a directory
// lookup's 600, where a kept statement costs only what the database does. The SQL is written in
// the codebase (never built from input), its texts are few (callers vary only a placeholder count
// or pick among fixed clauses), and it only reads: every write still goes through Prisma.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Db } from './client.ts';

export type Row = Record<string, unknown>;

export interface HotReads {
  /** The rows of `sql` (placeholders are `?`, bound in order) as objects keyed by column name. */
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  /**
   * The rows as arrays of column values in the order selected: for many rows, cheaper than all()
   * (better-sqlite3 builds each row object property by property, about twice the cost of an array).
   */
  values(sql: string, params: readonly unknown[]): Promise<unknown[][]>;
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
  // A statement answers either objects or arrays (raw), so each mode keeps its own.
  const statements = { objects: new Map<string, Database.Statement>(), arrays: new Map<string, Database.Statement>() };
  function prepared(sql: string, mode: keyof typeof statements): Database.Statement {
    onQuery?.(sql);
    let statement = statements[mode].get(sql);
    if (!statement) {
      connection ??= new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
      statement = connection.prepare(sql);
      if (mode === 'arrays') statement.raw(true);
      statements[mode].set(sql, statement);
    }
    return statement;
  }
  return {
    connections: 1,
    all: async (sql, params) => prepared(sql, 'objects').all(...params) as Row[],
    values: async (sql, params) => prepared(sql, 'arrays').all(...params) as unknown[][],
    async close() {
      connection?.close();
    },
  };
}

/** Prisma's TIMESTAMP(3) columns hold UTC; pg would read them in the process's time zone. */
const TIMESTAMP_OID = 1114;
const utc = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === TIMESTAMP_OID ? utc : pg.types.getTypeParser(oid, format)) };

/** A small pool of its own; each SQL text becomes a named statement, prepared once per connection. */
export function postgresHotReads(url: string, onQuery?: (sql: string) => void): HotReads {
  const connections = 4;
  const pool = new pg.Pool({ connectionString: url, max: connections, types: types as pg.CustomTypesConfig });
  // An idle connection that drops (a PostgreSQL restart) is replaced by the next query; a query
  // that fails rejects on its own.
  pool.on('error', () => {});
  const statements = new Map<string, { name: string; text: string }>();
  function prepared(sql: string): { name: string; text: string } {
    onQuery?.(sql);
    let statement = statements.get(sql);
    if (!statement) {
      let n = 0;
      statements.set(sql, (statement = { name: `hot_read_${statements.size}`, text: sql.replace(/\?/g, () => `$${++n}`) }));
    }
    return statement;
  }
  return {
    connections,
    async all(sql, params) {
      const result = await pool.query({ ...prepared(sql), values: [...params] });
      return result.rows as Row[];
    },
    async values(sql, params) {
      const result = await pool.query({ ...prepared(sql), values: [...params], rowMode: 'array' });
      return result.rows as unknown[][];
    },
    close: () => pool.end(),
  };
}

/** Through Prisma, for an in-memory SQLite database that no second connection can open. */
export function prismaHotReads(db: Db): HotReads {
  return {
    connections: 1,
    all: (sql, params) => db.$queryRawUnsafe<Row[]>(sql, ...params),
    values: async (sql, params) => (await db.$queryRawUnsafe<Row[]>(sql, ...params)).map((row) => Object.values(row)),
    close: async () => {},
  };
}

const attached = new WeakMap<Db, HotReads>();

/**
 * Ties a client to the hot reads opened beside it (openDatabase does), so that a repository given
 * only the client reads on the same prepared statements without every constructor in between
 * carrying a second handle.
 */
export function attachHotReads(db: Db, reads: HotReads): void {
  attached.set(db, reads);
}

/** The hot reads opened beside `db`, or reads through Prisma for a client opened some other way. */
export function hotReadsOf(db: Db): HotReads {
  let reads = attached.get(db);
  if (!reads) attached.set(db, (reads = prismaHotReads(db)));
  return reads;
}
