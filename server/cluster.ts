import pg from "pg";
import type { Server } from "socket.io";
import { createAdapter } from "@socket.io/postgres-adapter";
import { isBusEvent, publish, subscribeAll } from "@/lib/realtime/bus";

const RELAY_EVENT = "hookscope:bus";

/**
 * Several instances on one PostgreSQL: socket.io's PostgreSQL adapter carries socket emits to every
 * instance's clients (LISTEN/NOTIFY, no extra service), and the same channel relays the app's own
 * events (a capture on A wakes a wait API call or the forwarder on B).
 */
export async function joinCluster(io: Server, connectionString: string): Promise<() => Promise<void>> {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on("error", (error) => console.error("cluster: postgres client error:", error.message));
  // The adapter spills payloads over its NOTIFY size limit into this table; it does not create it.
  await pool.query(`CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)`);
  io.adapter(createAdapter(pool, { errorHandler: (error) => console.error("cluster: adapter error:", error.message) }));
  const stopRelay = subscribeAll((event, payload, origin) => {
    if (!origin.remote) io.serverSideEmit(RELAY_EVENT, event, payload);
  });
  io.on(RELAY_EVENT, (event: unknown, payload: unknown) => {
    if (isBusEvent(event)) publish(event, payload as never, { remote: true });
  });
  return async () => {
    stopRelay();
    await pool.end();
  };
}
