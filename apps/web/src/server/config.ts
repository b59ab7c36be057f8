import { z } from "zod";
import { parseTrustedProxies } from "./http/trusted-proxies";

const ZConfig = z.object({
  port: z.coerce.number().int().min(1).max(65535).default(3000),
  host: z.string().default("0.0.0.0"),
  databaseUrl: z.string().optional(),
  adminPassword: z.string().min(10, "OUTPOST_ADMIN_PASSWORD must be at least 10 characters").optional(),
  publicUrl: z.url().optional(),
  secureCookies: z.enum(["true", "false", "auto"]).default("auto"),
  agentHeartbeatTimeoutMs: z.coerce.number().int().min(1000).default(20_000),
  sessionTtlHours: z.coerce.number().int().min(1).default(168),
  /** Wrong passwords per username within 15 minutes before that username is refused for a while. */
  loginMaxFailures: z.coerce.number().int().min(1).default(5),
  /** Connections one address may hold before showing a credential (see http/connection-guard.ts). */
  unauthenticatedPerAddress: z.coerce.number().int().min(1).default(256),
  /** Such connections from everyone; by default half the process's descriptor limit, at most 4096. */
  unauthenticatedTotal: z.coerce.number().int().min(1).optional(),
  /** PEM files: with both set the centre serves HTTPS (kubectl sends tokens only over HTTPS). */
  tlsCertFile: z.string().optional(),
  tlsKeyFile: z.string().optional(),
  /** PEM of the CA that signed the certificate, put into downloaded kubeconfigs; the certificate itself when unset. */
  tlsCaFile: z.string().optional(),
  /** 32 bytes (base64 or hex) sealing secrets at rest; a key file beside the database when unset. */
  secretKey: z.string().optional(),
  /** How often the rollout scheduler looks at every active rollout (it also runs on every cluster change). */
  rolloutTickMs: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Where blobs and the key file live; beside the SQLite file, or ./data with PostgreSQL. */
  dataDir: z.string().optional(),
  /** Proxies whose X-Forwarded-* headers are believed (addresses and CIDR ranges, comma separated). */
  trustedProxies: z.string().default(""),
  /** Days cluster changes (the outbox's change log) are kept; 0 keeps them forever. */
  changeRetentionDays: z.coerce.number().int().min(0).max(36500).default(30),
  /** Days audit events are kept; 0 keeps them forever. */
  auditRetentionDays: z.coerce.number().int().min(0).max(36500).default(365),
  /** Age after which a connected agent's credential is rotated; 0 never rotates on a schedule. */
  agentCredentialRotateDays: z.coerce.number().min(0).max(3650).default(30),
  /** Lifetime of the token inside a downloaded kubeconfig. */
  kubeconfigTokenDays: z.coerce.number().int().min(1).max(3650).default(30),
  /** Where bundle blobs live (default: `blobs` beside the database). */
  blobDir: z.string().optional(),
  /** SMTP server for e-mail alerts: smtp://user:pass@host:587 or smtps://host:465; e-mail channels fail without it. */
  smtpUrl: z.url().refine((u) => /^smtps?:\/\//.test(u), "OUTPOST_SMTP_URL must start with smtp:// or smtps://").optional(),
  smtpFrom: z.string().min(3).default("Outpost <outpost@localhost>"),
  /** How often alert rules are evaluated. */
  alertIntervalMs: z.coerce.number().int().min(200).max(600_000).default(5_000),
  /** Days of outage history, notifications and resolved alerts kept. */
  historyRetentionDays: z.coerce.number().int().min(1).max(3650).default(90),
  dev: z.boolean(),
});
export type Config = z.infer<typeof ZConfig>;

/** Reads the centre's configuration from the environment; a bad value stops start-up with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse({
    port: env.PORT || undefined,
    host: env.HOST || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.OUTPOST_ADMIN_PASSWORD || undefined,
    publicUrl: env.OUTPOST_PUBLIC_URL || undefined,
    secureCookies: env.OUTPOST_SECURE_COOKIES || undefined,
    agentHeartbeatTimeoutMs: env.OUTPOST_AGENT_HEARTBEAT_TIMEOUT_MS || undefined,
    sessionTtlHours: env.OUTPOST_SESSION_TTL_HOURS || undefined,
    loginMaxFailures: env.OUTPOST_LOGIN_MAX_FAILURES || undefined,
    unauthenticatedPerAddress: env.OUTPOST_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS || undefined,
    unauthenticatedTotal: env.OUTPOST_UNAUTHENTICATED_CONNECTIONS || undefined,
    tlsCertFile: env.OUTPOST_TLS_CERT || undefined,
    tlsKeyFile: env.OUTPOST_TLS_KEY || undefined,
    tlsCaFile: env.OUTPOST_TLS_CA || undefined,
    secretKey: env.OUTPOST_SECRET_KEY || undefined,
    dataDir: env.OUTPOST_DATA_DIR || undefined,
    kubeconfigTokenDays: env.OUTPOST_KUBECONFIG_TOKEN_DAYS || undefined,
    trustedProxies: env.OUTPOST_TRUSTED_PROXIES || undefined,
    agentCredentialRotateDays: env.OUTPOST_AGENT_CREDENTIAL_ROTATE_DAYS || undefined,
    changeRetentionDays: env.OUTPOST_CHANGE_RETENTION_DAYS || undefined,
    auditRetentionDays: env.OUTPOST_AUDIT_RETENTION_DAYS || undefined,
    blobDir: env.OUTPOST_BLOB_DIR || undefined,
    rolloutTickMs: env.OUTPOST_ROLLOUT_TICK_MS || undefined,
    smtpUrl: env.OUTPOST_SMTP_URL || undefined,
    smtpFrom: env.OUTPOST_SMTP_FROM || undefined,
    alertIntervalMs: env.OUTPOST_ALERT_INTERVAL_MS || undefined,
    historyRetentionDays: env.OUTPOST_HISTORY_RETENTION_DAYS || undefined,
    dev: env.NODE_ENV !== "production",
  });
  if (parsed.success && Boolean(parsed.data.tlsCertFile) !== Boolean(parsed.data.tlsKeyFile)) {
    throw new Error("invalid configuration:\n  OUTPOST_TLS_CERT and OUTPOST_TLS_KEY go together: set both or neither");
  }
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  try {
    parseTrustedProxies(parsed.data.trustedProxies);
  } catch (err) {
    throw new Error(`invalid configuration:\n  ${(err as Error).message}`);
  }
  return parsed.data;
}
