import type { Namespace } from "socket.io";
import { ZJobWatchRequest, type CurrentUser, type ServerToUiEvents, type UiAck, type UiToServerEvents } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import type { Access } from "../access/access";
import { authenticate, readCookie, SESSION_COOKIE } from "../auth/authenticate";
import { registerLiveConnection } from "../access/register-live-connection";
import { AppError } from "../errors/app-error";
import { requireJobAccess } from "../access/require-job-access";
import { refuseMalformedPackets } from "./refuse-malformed-packets";
import { jobRoom } from "./live-updates";

const KNOWN_EVENTS = new Set(["job:watch", "job:unwatch"]);

export interface UiSocketData {
  user: CurrentUser;
  /** The caller's grants: live events about a cluster reach only sockets that may see it. */
  access: Access;
  credentialKey: string;
  epoch: number;
}

export type UiNamespace = Namespace<UiToServerEvents, ServerToUiEvents, Record<string, never>, UiSocketData>;

/**
 * The /ui namespace carries live updates to signed-in browsers, each filtered by its user's
 * grants (live-updates.ts). Browsers only ask to watch (and stop watching) a job's live log;
 * anything else is answered with an error and ignored. A socket closes as soon as its session
 * or token is revoked or its user disabled (access/access-changed.ts).
 */
export function registerUiNamespace(nsp: UiNamespace, ctx: ServerContext): void {
  nsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    let sessionToken: string | null;
    try {
      sessionToken = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return next(Object.assign(new Error(err.message), { data: { code: err.code } }));
    }
    authenticate(ctx.db, { sessionToken, authorization: typeof token === "string" ? `Bearer ${token}` : null }, ctx.authCache)
      .then((auth) => {
        if (!auth) return next(Object.assign(new Error("sign in first"), { data: { code: "UNAUTHENTICATED" } }));
        if (auth.tokenScope !== null && auth.tokenScope !== "api") {
          return next(Object.assign(new Error("a kubeconfig's token reaches only its cluster's Kubernetes API"), { data: { code: "FORBIDDEN" } }));
        }
        socket.data.user = auth.user;
        socket.data.access = auth.access;
        socket.data.credentialKey = auth.credentialKey;
        socket.data.epoch = auth.epoch;
        next();
      })
      .catch(() => next(Object.assign(new Error("authentication failed; retry later"), { data: { code: "INTERNAL" } })));
  });

  nsp.on("connection", (socket) => {
    const unregister = registerLiveConnection(ctx, {
      userId: socket.data.user.id,
      credentialKey: socket.data.credentialKey,
      epoch: socket.data.epoch,
      close: () => void socket.disconnect(true),
      accessUpdated: (access) => {
        socket.data.access = access;
        socket.data.user = { ...socket.data.user, role: access.globalRole };
      },
    });
    socket.on("disconnect", unregister);
    refuseMalformedPackets(socket);
    const watch = (join: boolean) => (req: unknown, ack: unknown) => {
      const reply: (res: UiAck) => void = typeof ack === "function" ? (ack as (res: UiAck) => void) : () => {};
      const parsed = ZJobWatchRequest.safeParse(req);
      if (!parsed.success) return reply({ ok: false, error: "expected {jobId}" });
      const room = jobRoom(parsed.data.jobId);
      if (!join) {
        void socket.leave(room);
        return reply({ ok: true });
      }
      // Only a job the caller may see (its log is sent to watchers who still may, live-updates.ts).
      requireJobAccess(ctx, socket.data.access, parsed.data.jobId)
        .then(() => socket.join(room))
        .then(() => reply({ ok: true }))
        .catch((err: unknown) => reply({ ok: false, error: err instanceof AppError ? err.message : "could not watch the job; try again" }));
    };
    socket.on("job:watch", watch(true));
    socket.on("job:unwatch", watch(false));
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      const ack = args[args.length - 1];
      if (typeof ack === "function") ack({ ok: false, error: `unknown event '${event}': the /ui namespace only sends` });
    });
  });
}
