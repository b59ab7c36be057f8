import type { Namespace } from "socket.io";
import { ZJobWatchRequest, type CurrentUser, type ServerToUiEvents, type UiAck, type UiToServerEvents } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { authenticate, readCookie, SESSION_COOKIE } from "../auth/authenticate";
import { AppError } from "../errors/app-error";
import { refuseMalformedPackets } from "./refuse-malformed-packets";
import { jobRoom } from "./live-updates";

const KNOWN_EVENTS = new Set(["job:watch", "job:unwatch"]);

export type UiNamespace = Namespace<UiToServerEvents, ServerToUiEvents, Record<string, never>, { user: CurrentUser }>;

/**
 * The /ui namespace carries live updates to signed-in browsers (any role may watch). Browsers
 * only ask to watch (and stop watching) a job's live log; anything else is answered with an
 * error and ignored.
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
        socket.data.user = auth.user;
        next();
      })
      .catch(() => next(Object.assign(new Error("authentication failed; retry later"), { data: { code: "INTERNAL" } })));
  });

  nsp.on("connection", (socket) => {
    refuseMalformedPackets(socket);
    const watch = (join: boolean) => (req: unknown, ack: unknown) => {
      const reply: (res: UiAck) => void = typeof ack === "function" ? (ack as (res: UiAck) => void) : () => {};
      const parsed = ZJobWatchRequest.safeParse(req);
      if (!parsed.success) return reply({ ok: false, error: "expected {jobId}" });
      void (join ? socket.join(jobRoom(parsed.data.jobId)) : socket.leave(jobRoom(parsed.data.jobId)));
      reply({ ok: true });
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
