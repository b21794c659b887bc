import pg from "pg";

/**
 * int8 (count(*), sums) as a JS number: the counts here stay far below 2^53. Prisma passes its own
 * parsers with each query, so this only shapes the hot store's plain SQL.
 */
const TYPES = {
  getTypeParser: (oid: number, format?: string) => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")),
};

const GLOBAL_KEY = Symbol.for("hookscope.pgPool");
type Holder = { [GLOBAL_KEY]?: { url: string; pool: pg.Pool } };

/**
 * The one pool of query connections per process, shared by Prisma and the hot store (on
 * globalThis: Next's bundles and the custom server share it). The socket.io relay's LISTEN
 * connection and the leader's lock hold a connection of their own by nature, outside it.
 */
export function postgresPool(url: string): pg.Pool {
  const holder = globalThis as Holder;
  const current = holder[GLOBAL_KEY];
  if (current && current.url === url) return current.pool;
  const pool = new pg.Pool({ connectionString: url, max: 10, types: TYPES });
  // An idle client's error (a database restart) must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("postgres: idle client error:", error.message));
  // pg's pool listens for errors only on idle clients. A restart reaches a checked-out client twice
  // (the server's "terminating connection", then the socket's ECONNRESET): the first fails its query,
  // the second came with no listener, between a transaction's failed statement and its release, and
  // was an uncaught exception. Each client keeps a listener of its own; an errored client is not
  // queryable any more, so its next query fails and the pool discards it on release.
  pool.on("connect", (client) => client.on("error", (error) => console.error("postgres: connection lost:", error.message)));
  holder[GLOBAL_KEY] = { url, pool };
  return pool;
}

export async function closePostgresPool(): Promise<void> {
  const holder = globalThis as Holder;
  const current = holder[GLOBAL_KEY];
  holder[GLOBAL_KEY] = undefined;
  await current?.pool.end();
}

/** Runs `work` in one transaction on a connection of its own, rolled back if it throws. */
export async function inPgTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
