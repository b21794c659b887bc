import pg from "pg";
import type { Server } from "socket.io";
import { createAdapter } from "@socket.io/postgres-adapter";
import { isBusEvent, publish, subscribeAll } from "@/lib/server/realtime/bus";

const RELAY_EVENT = "hookscope:bus";

/**
 * Several instances on one PostgreSQL: socket.io's PostgreSQL adapter (LISTEN/NOTIFY, no extra
 * service) relays the app's events to every instance, which hands them to its own sockets and
 * listeners (a capture on A shows in an inspector on B, wakes a wait call or the forwarder there).
 * Events are coalesced per event-loop turn: one NOTIFY per burst, not one per capture, which is
 * what kept the relay from falling behind (and holding memory) under load.
 */
export async function joinCluster(io: Server, connectionString: string): Promise<() => Promise<void>> {
  const pool = new pg.Pool({ connectionString, max: 2 });
  // The adapter keeps one client checked out for LISTEN. pg's pool watches idle clients only, so when
  // PostgreSQL went away that client's error had no listener (an uncaught exception; only Next's
  // catch-all kept the process alive), and the adapter, which reconnects when the client ends,
  // dropped it without giving it back: the dead client kept one of the two slots for good, and
  // pool.end() at shutdown waited for it until the forced exit. Every client gets its own error
  // listener, and one that ends while checked out is given back, which removes it from the pool.
  const checkedOut = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => checkedOut.add(client));
  pool.on("release", (_error, client) => checkedOut.delete(client));
  pool.on("connect", (client) => {
    client.on("error", (error) => console.error("cluster: postgres connection lost:", error.message));
    client.on("end", () => {
      if (checkedOut.has(client)) client.release(new Error("connection ended"));
    });
  });
  // An idle client's error reaches the pool as well, already logged by the client's own listener.
  pool.on("error", () => undefined);
  // The adapter spills payloads over its NOTIFY size limit into this table; it does not create it.
  await pool.query(`CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  io.adapter(createAdapter(pool, { errorHandler: (error) => console.error("cluster: adapter error:", error.message) }));
  let outbox: [string, unknown][] = [];
  const flush = () => {
    const batch = outbox;
    outbox = [];
    io.serverSideEmit(RELAY_EVENT, batch);
  };
  const stopRelay = subscribeAll((event, payload, origin) => {
    if (origin.remote) return;
    if (outbox.length === 0) setImmediate(flush);
    outbox.push([event, payload]);
  });
  io.on(RELAY_EVENT, (batch: unknown) => {
    if (!Array.isArray(batch)) return;
    for (const item of batch) {
      if (Array.isArray(item) && isBusEvent(item[0])) publish(item[0], item[1] as never, { remote: true });
    }
  });
  return async () => {
    stopRelay();
    await pool.end();
  };
}
