import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { z } from "zod";
import type { ClientToServerEvents, JoinBinAck, ServerToClientEvents } from "@/lib/api-types";
import { DomainError } from "@/lib/errors";
import { subscribe } from "@/lib/realtime/bus";
import { authorizeBin } from "@/lib/services/access";
import { listMissedRequests } from "@/lib/services/requests";

const JoinSchema = z.object({
  binId: z.string().min(1).max(64),
  token: z.string().min(1).max(200),
  after: z.string().max(64).nullish(),
});

const LeaveSchema = z.object({ binId: z.string().min(1).max(64) });

const room = (binId: string) => `bin:${binId}`;
/** Delivery targets can be internal URLs: only owners hear about them. */
const ownerRoom = (binId: string) => `owner:${binId}`;

/** What a socket joined each bin as, so that revoking the share link can let viewers go. */
interface SocketData {
  roles: Record<string, "owner" | "viewer">;
}

async function joinBin(socket: { join(rooms: string | string[]): unknown; data: Partial<SocketData> }, payload: unknown): Promise<JoinBinAck> {
  const parsed = JoinSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: { code: "invalid_request", message: "bin:join needs { binId, token, after? }." } };
  const { binId, token, after } = parsed.data;
  try {
    const { role } = await authorizeBin(binId, token);
    socket.data.roles = { ...socket.data.roles, [binId]: role };
    // Join before reading what was missed: a capture committed in between then arrives twice
    // (live and in `missed`) rather than never, and the client drops the duplicate by id.
    await socket.join(role === "owner" ? [room(binId), ownerRoom(binId)] : [room(binId)]);
    return { ok: true, ...(await listMissedRequests(binId, after)) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
    console.error("realtime: join failed:", error);
    return { ok: false, error: { code: "internal_error", message: "Could not join the bin." } };
  }
}

/** socket.io on the app's own port; events carry summaries only, never bodies. */
export function attachRealtime(httpServer: HttpServer): { io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Partial<SocketData>>; close(): Promise<void> } {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Partial<SocketData>>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });

  io.on("connection", (socket) => {
    socket.on("bin:join", (payload, ack) => {
      if (typeof ack !== "function") return;
      void joinBin(socket, payload).then(ack);
    });
    socket.on("bin:leave", (payload) => {
      const parsed = LeaveSchema.safeParse(payload);
      if (!parsed.success) return;
      void socket.leave(room(parsed.data.binId));
      void socket.leave(ownerRoom(parsed.data.binId));
    });
  });

  // Events from other instances reach this instance's sockets through the adapter already.
  const local = <T,>(emit: (payload: T) => void) => (payload: T, origin: { remote: boolean }) => {
    if (!origin.remote) emit(payload);
  };
  const unsubscribers = [
    subscribe("request.captured", local((summary) => io.to(room(summary.binId)).emit("request:new", summary))),
    subscribe("request.deleted", local((payload) => io.to(room(payload.binId)).emit("request:deleted", payload))),
    subscribe("bin.cleared", local((payload) => io.to(room(payload.binId)).emit("bin:cleared", payload))),
    subscribe("bin.deleted", local((payload) => {
      io.to(room(payload.binId)).emit("bin:deleted", payload);
      io.in(room(payload.binId)).socketsLeave([room(payload.binId), ownerRoom(payload.binId)]);
    })),
    subscribe("bin.verdictsChanged", local((payload) => io.to(room(payload.binId)).emit("bin:verdicts-changed", payload))),
    subscribe("bin.shareRevoked", local(({ binId }: { binId: string }) => {
      void io
        .in(room(binId))
        .fetchSockets()
        .then((sockets) => {
          for (const socket of sockets) {
            if (socket.data.roles?.[binId] !== "viewer") continue;
            socket.emit("bin:access-revoked", { binId });
            socket.leave(room(binId));
          }
        });
    })),
    subscribe("delivery.updated", local((delivery) => io.to(ownerRoom(delivery.binId)).emit("delivery:updated", delivery))),
  ];
  return {
    io,
    close: async () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      await io.close();
    },
  };
}
