import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { z } from "zod";
import type { ClientToServerEvents, JoinBinAck, ServerToClientEvents } from "@/lib/shared/api-types";
import { DomainError } from "@/lib/shared/errors";
import { subscribe } from "@/lib/server/realtime/bus";
import { authorizeCaller, type Role } from "@/lib/server/services/access";
import type { Caller } from "@/lib/server/auth/caller";
import { assertShareReaderSignedIn, callerFromToken, signedInFrom } from "@/lib/server/auth/caller";
import { isTrustedOrigin } from "@/lib/server/auth/csrf";
import type { SignedIn } from "@/lib/server/auth/sessions";
import { originFromHeaders } from "@/lib/server/http";
import { listMissedRequests } from "@/lib/server/services/requests";

const JoinSchema = z.object({
  binId: z.string().min(1).max(64),
  /** The bin's owner or share token; without one, the socket's signed-in session decides. */
  token: z.string().min(1).max(200).nullish(),
  after: z.string().max(64).nullish(),
});

const LeaveSchema = z.object({ binId: z.string().min(1).max(64) });

const room = (binId: string) => `bin:${binId}`;
/** Delivery targets can be internal URLs: only owners hear about them. */
const ownerRoom = (binId: string) => `owner:${binId}`;

/**
 * What a socket joined each bin as, so that revoking the share link can let viewers go, and the
 * session it was opened with, so that signing out lets it go.
 */
interface SocketData {
  roles: Record<string, Role>;
  signedIn: SignedIn | null;
}

async function joinBin(socket: { join(rooms: string | string[]): unknown; data: Partial<SocketData> }, payload: unknown): Promise<JoinBinAck> {
  const parsed = JoinSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: { code: "invalid_request", message: "bin:join needs { binId, token?, after? }." } };
  const { binId, token, after } = parsed.data;
  const signedIn = socket.data.signedIn;
  try {
    const caller: Caller = token ? await callerFromToken(token) : signedIn ? { kind: "user", signedIn } : { kind: "anonymous" };
    const { role } = await authorizeCaller(binId, caller);
    await assertShareReaderSignedIn(caller, role, async () => signedIn ?? null);
    socket.data.roles = { ...socket.data.roles, [binId]: role };
    // Join before reading what was missed: a capture committed in between then arrives twice
    // (live and in `missed`) rather than never, and the client drops the duplicate by id.
    // Deliveries and forwarders are news for whoever may act on them: owners and operators.
    await socket.join(role === "viewer" ? [room(binId)] : [room(binId), ownerRoom(binId)]);
    return { ok: true, ...(await listMissedRequests(binId, after)) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
    console.error("realtime: join failed:", error);
    return { ok: false, error: { code: "internal_error", message: "Could not join the bin." } };
  }
}

/** socket.io on the app's own port; events carry summaries only, never bodies. */
export function attachRealtime(httpServer: HttpServer): {
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Partial<SocketData>>;
  close(): Promise<void>;
} {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Partial<SocketData>>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
  });

  // The session counts only for a connection opened by the app's own pages: a WebSocket is not
  // bound by CORS, and a sibling subdomain's page would carry the cookie.
  io.use((socket, next) => {
    const { headers } = socket.request;
    const ownOrigin = originFromHeaders((name) => headers[name]?.toString(), "encrypted" in socket.request.socket ? "https" : "http", headers.host ?? "");
    socket.data.signedIn = null;
    if (!isTrustedOrigin(headers.origin, ownOrigin)) return next();
    signedInFrom(headers.cookie)
      .then((signedIn) => {
        socket.data.signedIn = signedIn;
        next();
      })
      .catch((error: unknown) => {
        console.error("realtime: reading the session failed:", error);
        next();
      });
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

  // Every instance emits to its own sockets only (io.local), for its own events and for those relayed
  // from other instances (server/cluster.ts). Broadcasting through the adapter instead would cost a
  // NOTIFY round trip per event before even local sockets hear it.
  // Looked up per event: a BroadcastOperator holds the adapter it was made with, and the cluster
  // adapter replaces the default one after this function returns.
  const local = { to: (name: string) => io.local.to(name), in: (name: string) => io.local.in(name) };
  const watched = (binId: string) => io.sockets.adapter.rooms.has(room(binId));
  const unsubscribers = [
    // The hot ones, per capture and per learnt batch: most captures land in bins nobody is watching,
    // and socket.io would encode the packet before finding the room empty.
    subscribe("request.captured", (summary) => {
      if (watched(summary.binId)) local.to(room(summary.binId)).emit("request:new", summary);
    }),
    subscribe("request.deleted", (payload) => local.to(room(payload.binId)).emit("request:deleted", payload)),
    subscribe("bin.cleared", (payload) => local.to(room(payload.binId)).emit("bin:cleared", payload)),
    subscribe("bin.deleted", (payload) => {
      local.to(room(payload.binId)).emit("bin:deleted", payload);
      local.in(room(payload.binId)).socketsLeave([room(payload.binId), ownerRoom(payload.binId)]);
    }),
    subscribe("bin.verdictsChanged", (payload) => local.to(room(payload.binId)).emit("bin:verdicts-changed", payload)),
    subscribe("bin.schemaChanged", (payload) => local.to(room(payload.binId)).emit("bin:schema-changed", payload)),
    subscribe("requests.checked", (payload) => {
      if (watched(payload.binId)) local.to(room(payload.binId)).emit("requests:checked", payload);
    }),
    subscribe("bin.tallyChanged", (payload) => local.to(room(payload.binId)).emit("bin:tally-changed", payload)),
    subscribe("bin.shareRevoked", ({ binId }) => {
      // This instance's own sockets, read synchronously: no round trip through the adapter.
      for (const id of io.of("/").adapter.rooms.get(room(binId)) ?? []) {
        const socket = io.of("/").sockets.get(id);
        if (!socket || socket.data.roles?.[binId] !== "viewer") continue;
        socket.emit("bin:access-revoked", { binId });
        void socket.leave(room(binId));
      }
    }),
    subscribe("session.revoked", ({ sessionIds }) => {
      const ended = new Set(sessionIds);
      for (const socket of io.of("/").sockets.values()) {
        const sessionId = socket.data.signedIn?.sessionId;
        if (sessionId && ended.has(sessionId)) socket.disconnect(true);
      }
    }),
    subscribe("delivery.updated", (delivery) => local.to(ownerRoom(delivery.binId)).emit("delivery:updated", delivery)),
    subscribe("forwarder.changed", ({ binId }) => local.to(ownerRoom(binId)).emit("forwarders:changed", { binId })),
    subscribe("forwarder.dropped", ({ binId }) => local.to(ownerRoom(binId)).emit("forwarders:changed", { binId })),
  ];
  return {
    io,
    close: async () => {
      unsubscribers.forEach((unsubscribe) => unsubscribe());
      await io.close();
    },
  };
}
