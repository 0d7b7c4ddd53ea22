/**
 * Test and benchmark support: a fresh, empty PostgreSQL database per test, on the machine's
 * server, and its removal. Never imported by the server itself.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL the tests use (trust authentication, user postgres). */
export const TEST_SERVER = "postgres://postgres@127.0.0.1:5432";

export interface TestDatabase {
  /** Connection string of the new database. */
  url: string;
  name: string;
  /** Drops it, ending whatever connections are still open to it. */
  drop(): Promise<void>;
}

async function admin<T>(server: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    // A failing test, never a skipped one: the PostgreSQL store is untested without it.
    throw new Error(
      `PostgreSQL is not reachable at ${server} (${error instanceof Error ? error.message : String(error)}). ` +
        "The PostgreSQL store tests need a server there (user postgres, trust authentication, CREATE DATABASE allowed).",
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `roster_test_<random>` on `server` (no database in it), empty or as a copy of
 * `template` (a test database nobody is connected to); the caller must `drop()` it.
 */
export async function createTestDatabase(server = TEST_SERVER, template?: TestDatabase): Promise<TestDatabase> {
  const name = `roster_test_${randomBytes(6).toString("hex")}`;
  await admin(server, (client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template.name}` : ""}`));
  return {
    url: `${server}/${name}`,
    name,
    drop: async () => {
      await admin(server, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Runs one statement on a test database directly (to look behind the store's back). */
export async function queryTestDatabase<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
