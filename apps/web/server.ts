/**
 * The centre: one Node process serving the Next.js app and socket.io (/ui live updates, /agent
 * tunnel) on one port. Start-up: configuration → database + migrations → first admin → Next → listen.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
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
import { createLiveConnections } from "./src/server/access/live-connections";
import { syncAccessBindings } from "./src/server/access/sync-access-bindings";
import { isTrustedProxy, parseTrustedProxies } from "./src/server/http/trusted-proxies";
import { stripUntrustedForwarding } from "./src/server/http/strip-untrusted-forwarding";
import { startRetention } from "./src/server/retention/start-retention";
import { startCredentialRotation } from "./src/server/agent-credentials/start-credential-rotation";
import { createSecretBox } from "./src/server/secrets/secret-box";
import { loadSecretKey } from "./src/server/secrets/load-secret-key";
import { createLoginThrottle, LOGIN_FAILURE_WINDOW_MS } from "./src/server/auth/login-throttle";
import { createRequestHandler } from "./src/server/http/create-request-handler";
import { attachConnectionHandlers, SERVER_TIMEOUTS } from "./src/server/http/attach-connection-handlers";
import { createConnectionGuard } from "./src/server/http/connection-guard";
import { connectionLimits } from "./src/server/http/connection-limits";
import { createLiveUpdates } from "./src/server/sockets/live-updates";
import { createAgentPresence, markAllOfflineAtStart } from "./src/server/fleet/agent-presence";
import { registerAgentNamespace, type AgentNamespace } from "./src/server/sockets/agent-namespace";
import { startAlerting } from "./src/server/alerts/start-alerting";
import { startHistoryRetention } from "./src/server/history/start-history-retention";
import { registerUiNamespace, type UiNamespace } from "./src/server/sockets/ui-namespace";
import { log } from "./src/server/logging/log";
import { openBlobStore } from "./src/server/bundles/blob-store";
import { createBundleRuntime } from "./src/server/bundles/bundle-runtime";
import { bundleSigner } from "./src/server/bundles/bundle-signer";
import { createRolloutScheduler } from "./src/server/rollouts/rollout-scheduler";
import { createRolloutClock } from "./src/server/rollouts/rollout-clock";
import { createJobRunner } from "./src/server/jobs/job-runner";
import { provisionJobKind } from "./src/server/provision/provision-job-kind";
import { joinCommandJobKind } from "./src/server/provision/join/join-command-job-kind";

const started = performance.now();
const webDir = dirname(fileURLToPath(import.meta.url));
const repoDir = join(webDir, "../..");

async function main(): Promise<void> {
  const config = loadConfig();
  const { db, kind, where, dataDir } = openDatabase(config.databaseUrl, join(repoDir, "data/outpost.db"), config.dataDir);
  const secretKey = loadSecretKey({ envValue: config.secretKey, keyFile: join(dataDir, "secret.key") });
  log.info({ source: secretKey.source }, `secrets at rest sealed with the key from ${secretKey.source}`);
  const applied = await applyMigrations(db, kind, join(repoDir, "prisma"));
  const blobs = await openBlobStore(config.blobDir ?? join(dataDir, "blobs"));
  log.info({ kind, where, applied }, `database: ${kind} ${where}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);

  const admin = await bootstrapAdmin(db, config.adminPassword);
  if (admin.generatedPassword) {
    // Shown once, on purpose: the operator has no other way to learn it.
    log.warn({ username: "admin", password: admin.generatedPassword }, "created user 'admin'; this password is shown only once: change it under Users, or set OUTPOST_ADMIN_PASSWORD on first start");
  }
  const wentOffline = await markAllOfflineAtStart(db);
  if (wentOffline) log.info({ clusters: wentOffline }, `${wentOffline} cluster(s) marked offline until their agents reconnect`);

  const app = next({ dev: config.dev, dir: webDir, hostname: config.host, port: config.port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Forwarding headers are believed only from the proxies OUTPOST_TRUSTED_PROXIES names.
  const trustedProxies = parseTrustedProxies(config.trustedProxies);
  const trusted = (address: string) => isTrustedProxy(trustedProxies, address);
  const guard = createConnectionGuard(connectionLimits(config));
  const onRequest = createRequestHandler({ ctx: () => ctx, next: handle, isTrustedProxy: trusted, guard, dev: config.dev });
  const tls = Boolean(config.tlsCertFile && config.tlsKeyFile);
  const httpServer = tls
    ? createTlsServer({ cert: readFileSync(config.tlsCertFile!), key: readFileSync(config.tlsKeyFile!), handshakeTimeout: 10_000, ...SERVER_TIMEOUTS }, onRequest)
    : createServer(SERVER_TIMEOUTS, onRequest);
  // socket.io leaves other upgrades alone (rather than cutting them after a second): the
  // dispatcher answers each of them at once. A connection that joins no namespace is closed
  // after connectTimeout.
  const io = new Server(httpServer, { destroyUpgrade: false, pingInterval: 10_000, pingTimeout: 8_000, connectTimeout: 10_000, maxHttpBufferSize: 8 * 1024 * 1024 });

  // Each namespace speaks its own typed protocol; io.of() only knows the server-wide defaults.
  const uiNamespace = io.of(UI_NAMESPACE) as unknown as UiNamespace;
  const agentNamespace = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  const live = createLiveUpdates(uiNamespace);
  const presence = createAgentPresence(db, live, { heartbeatTimeoutMs: config.agentHeartbeatTimeoutMs });
  const rollouts = createRolloutScheduler(() => ctx, {
    now: createRolloutClock(process.env.OUTPOST_ROLLOUT_CLOCK_OFFSET_FILE),
    intervalMs: config.rolloutTickMs,
    onChange: (id) => live.rolloutChanged(db, id),
  });
  live.onClusterChanged(() => rollouts.poke());
  const jobs = createJobRunner(db, live);
  const ctx: ServerContext = { config, db, dbKind: kind, live, presence, authCache: createAuthCache(), connections: createLiveConnections(), loginThrottle: createLoginThrottle({ maxFailures: config.loginMaxFailures, windowMs: LOGIN_FAILURE_WINDOW_MS }), secrets: createSecretBox(secretKey.key), dataDir, bundles: createBundleRuntime(blobs), jobs, assets: { agentDistDir: process.env.OUTPOST_AGENT_DIST ?? join(repoDir, "apps/agent/dist"), deviceScriptsDir: join(webDir, "src/server/provision/device-scripts") }, startedAt: new Date(), alerting: { kick: () => {}, stop: async () => {} }, rollouts };
  setServerContext(ctx);
  const signer = await bundleSigner(ctx);
  log.info({ blobDir: blobs.dir, keyId: signer.keyId }, "bundles: blob store and signing key ready");
  registerUiNamespace(uiNamespace, ctx);
  registerAgentNamespace(agentNamespace, ctx);
  ctx.alerting = startAlerting(ctx);
  const stopHistoryRetention = startHistoryRetention(ctx);
  const stopRetention = startRetention(ctx);
  const stopRotation = startCredentialRotation(ctx);
  const bound = await syncAccessBindings(ctx);
  if (bound) log.info({ clusters: bound }, "RBAC bindings for Outpost's roles added to desired states");
  // Upgrades (socket.io's included) see forwarding headers only from trusted proxies too.
  httpServer.prependListener("upgrade", (req: IncomingMessage) => stripUntrustedForwarding(req, trusted));
  attachConnectionHandlers(httpServer, { ctx, guard, tls, devUpgrade: config.dev ? app.getUpgradeHandler() : undefined, namespaces: [io.of(UI_NAMESPACE), io.of(AGENT_NAMESPACE)] });

  jobs.register(provisionJobKind(ctx));
  jobs.register(joinCommandJobKind(ctx));
  // After the kinds are registered: jobs a stopped centre left running are marked interrupted.
  await jobs.start();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const ms = Math.round(performance.now() - started);
  log.info({ ms }, `ready on ${config.tlsCertFile ? "https" : "http"}://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port} in ${ms} ms (${config.dev ? "development" : "production"})`);

  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    stopRetention();
    stopRotation();
    io.close();
    httpServer.close();
    stopHistoryRetention();
    // Running steps are marked interrupted (resumable) before the database closes.
    void rollouts
      .stop()
      .then(() => jobs.stop())
      .then(() => ctx.alerting.stop())
      .then(() => presence.stop())
      .then(() => db.$disconnect())
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  log.fatal({ reason: err instanceof Error ? err.message : String(err) }, "failed to start");
  process.exit(1);
});
