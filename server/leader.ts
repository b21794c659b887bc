import pg from "pg";
import { errorMessage } from "@/lib/shared/errors";

// Any fixed number: every instance asks for the same advisory lock.
const BACKGROUND_LOCK = 4_242_001;
const RETRY_MS = 5000;

/**
 * Runs `start` on exactly one instance of the cluster at a time: the one holding a PostgreSQL
 * advisory lock. The lock lives with its session, so when that instance dies (or loses the database)
 * another takes over within RETRY_MS. `start` returns the function that stops the work.
 */
export function runAsLeader(connectionString: string, start: () => () => void): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopWork: (() => void) | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const resign = () => {
    stopWork?.();
    stopWork = null;
    client = null;
  };

  const attempt = async () => {
    if (stopped || stopWork) return;
    const candidate = new pg.Client({ connectionString });
    candidate.on("error", (error) => {
      console.error("leader: lost the database connection:", error.message);
      resign();
    });
    try {
      await candidate.connect();
      const { rows } = await candidate.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [BACKGROUND_LOCK]);
      if (rows[0]?.locked && !stopped) {
        client = candidate;
        stopWork = start();
        console.log("leader: this instance runs the background work (sweeper, forwarding)");
        return;
      }
      await candidate.end();
    } catch (error) {
      console.error("leader: could not take part in the election:", errorMessage(error));
      await candidate.end().catch(() => undefined);
    }
  };

  void attempt();
  timer = setInterval(() => void attempt(), RETRY_MS);
  timer.unref();
  return async () => {
    stopped = true;
    if (timer) clearInterval(timer);
    const held = client;
    resign();
    await held?.end().catch(() => undefined);
  };
}
