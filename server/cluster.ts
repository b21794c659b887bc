import pg from "pg";
import type { Server } from "socket.io";
import { createAdapter } from "@socket.io/postgres-adapter";
import { isBusEvent, publish, subscribeAll } from "@/lib/realtime/bus";

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
  pool.on("error", (error) => console.error("cluster: postgres client error:", error.message));
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
