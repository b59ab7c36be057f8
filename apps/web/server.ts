/**
 * The centre: one Node process serving the Next.js app and socket.io (/ui live updates, /agent
 * tunnel) on one port. Start-up: configuration → database + migrations → first admin → Next → listen.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { Server } from "socket.io";
import { AGENT_NAMESPACE, UI_NAMESPACE } from "@outpost/cluster-core";
import { loadConfig } from "./src/server/config";
import { openDatabase } from "./src/server/db/open-database";
import { applyMigrations } from "./src/server/db/apply-migrations";
import { bootstrapAdmin } from "./src/server/auth/bootstrap-admin";
import { setServerContext, type ServerContext } from "./src/server/context";
import { createAuthCache } from "./src/server/auth/auth-cache";
import { createSecretBox } from "./src/server/secrets/secret-box";
import { loadSecretKey } from "./src/server/secrets/load-secret-key";
import { createLiveConnections } from "./src/server/access/live-connections";
import { syncAccessBindings } from "./src/server/access/sync-access-bindings";
import { parseTrustedProxies, stripUntrustedForwarded } from "./src/server/http/trusted-proxies";
import { applyUiSecurityHeaders } from "./src/server/http/ui-security-headers";
import { startRetention } from "./src/server/retention/start-retention";
import { startCredentialRotation } from "./src/server/agent-credentials/start-credential-rotation";
import { createLoginThrottle, LOGIN_FAILURE_WINDOW_MS } from "./src/server/auth/login-throttle";
import { handleK8sProxy } from "./src/server/tunnel/k8s-proxy";
import { K8S_PREFIX } from "./src/server/tunnel/parse-k8s-proxy-url";
import { sendKubeStatus } from "./src/server/tunnel/kube-status";
import { createUpgradeDispatcher } from "./src/server/http/dispatch-upgrade";
import { createLiveUpdates } from "./src/server/sockets/live-updates";
import { createAgentPresence, markAllOfflineAtStart } from "./src/server/fleet/agent-presence";
import { registerAgentNamespace, type AgentNamespace } from "./src/server/sockets/agent-namespace";
import { registerUiNamespace, type UiNamespace } from "./src/server/sockets/ui-namespace";

const started = performance.now();
const webDir = dirname(fileURLToPath(import.meta.url));
const repoDir = join(webDir, "../..");

async function main(): Promise<void> {
  const config = loadConfig();
  const { db, kind, where, dataDir } = openDatabase(config.databaseUrl, join(repoDir, "data/outpost.db"), config.dataDir);
  const secretKey = loadSecretKey({ envValue: config.secretKey, keyFile: join(dataDir, "secret.key") });
  console.log(`[outpost] secrets at rest sealed with the key from ${secretKey.source}`);
  const applied = await applyMigrations(db, kind, join(repoDir, "prisma"));
  console.log(`[outpost] database: ${kind} ${where}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);

  const admin = await bootstrapAdmin(db, config.adminPassword);
  if (admin.generatedPassword) {
    console.log(`[outpost] created user 'admin' with password: ${admin.generatedPassword}`);
    console.log("[outpost] this password is shown only once; change it under Users, or set OUTPOST_ADMIN_PASSWORD on first start");
  }
  const wentOffline = await markAllOfflineAtStart(db);
  if (wentOffline) console.log(`[outpost] ${wentOffline} cluster(s) marked offline until their agents reconnect`);

  const app = next({ dev: config.dev, dir: webDir, hostname: config.host, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // The kube API proxy streams raw bodies both ways (watches stay open), so it is served here
  // on plain Node streams rather than through a Next.js route handler.
  const trustedProxies = parseTrustedProxies(config.trustedProxies);
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    stripUntrustedForwarded(req, trustedProxies);
    if (req.url?.startsWith(K8S_PREFIX)) {
      handleK8sProxy(ctx, req, res).catch((err: unknown) => {
        console.error("[k8s] proxy failed:", err);
        sendKubeStatus(res, 500, "Outpost: internal error; the centre's log has the details");
      });
      return;
    }
    applyUiSecurityHeaders(req, res, config.dev);
    void handle(req, res);
  };
  const httpServer =
    config.tlsCertFile && config.tlsKeyFile
      ? createTlsServer({ cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) }, onRequest)
      : createServer(onRequest);
  // socket.io leaves other upgrades alone (rather than cutting them after a second): the
  // dispatcher below answers each of them at once.
  const io = new Server(httpServer, { destroyUpgrade: false, pingInterval: 10_000, pingTimeout: 8_000, maxHttpBufferSize: 8 * 1024 * 1024 });

  // Each namespace speaks its own typed protocol; io.of() only knows the server-wide defaults.
  const uiNamespace = io.of(UI_NAMESPACE) as unknown as UiNamespace;
  const agentNamespace = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  const live = createLiveUpdates(uiNamespace);
  const presence = createAgentPresence(db, live, { heartbeatTimeoutMs: config.agentHeartbeatTimeoutMs });
  const ctx: ServerContext = { config, db, dbKind: kind, live, presence, authCache: createAuthCache(), connections: createLiveConnections(), loginThrottle: createLoginThrottle({ maxFailures: config.loginMaxFailures, windowMs: LOGIN_FAILURE_WINDOW_MS }), secrets: createSecretBox(secretKey.key), dataDir, startedAt: new Date() };
  setServerContext(ctx);
  registerUiNamespace(uiNamespace, ctx);
  registerAgentNamespace(agentNamespace, ctx);
  const stopRetention = startRetention(ctx);
  const stopRotation = startCredentialRotation(ctx);
  const bound = await syncAccessBindings(ctx);
  if (bound) console.log(`[outpost] RBAC bindings for Outpost's roles added to the desired state of ${bound} cluster(s)`);
  // Upgrades (socket.io included) see only forwarded headers from trusted proxies too.
  httpServer.prependListener("upgrade", (req: IncomingMessage) => stripUntrustedForwarded(req, trustedProxies));
  httpServer.on("upgrade", createUpgradeDispatcher(ctx, config.dev ? app.getUpgradeHandler() : undefined));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const ms = Math.round(performance.now() - started);
  console.log(`[outpost] ready on ${config.tlsCertFile ? "https" : "http"}://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port} in ${ms} ms (${config.dev ? "development" : "production"})`);

  const shutdown = (signal: string) => {
    console.log(`[outpost] ${signal}: shutting down`);
    stopRetention();
    stopRotation();
    io.close();
    httpServer.close();
    void presence
      .stop()
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  console.error("[outpost] failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
