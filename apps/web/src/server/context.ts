import type { Config } from "./config";
import type { Db } from "./db/open-database";
import type { DatabaseKind } from "./db/database-url";
import type { LiveUpdates } from "./sockets/live-updates";
import type { AgentPresence } from "./fleet/agent-presence";
import type { AuthCache } from "./auth/auth-cache";
import type { LoginThrottle } from "./auth/login-throttle";
import type { SecretBox } from "./secrets/secret-box";
import type { LiveConnections } from "./access/live-connections";
import type { BundleRuntime } from "./bundles/bundle-runtime";
import type { RolloutScheduler } from "./rollouts/rollout-scheduler";
import type { JobRunner } from "./jobs/job-runner";
import type { Alerting } from "./alerts/start-alerting";

/**
 * What the one centre process shares between server.ts (socket.io) and the Next.js route
 * handlers and pages. Next bundles its own copy of every module it imports, so the shared
 * instances live here, on globalThis, and never in module-level variables.
 */
export interface ServerContext {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  live: LiveUpdates;
  presence: AgentPresence;
  /** Clear it whenever access may end: see auth-cache.ts. */
  authCache: AuthCache;
  /** Open sockets and streams of signed-in users, so that revoking access closes them (access/access-changed.ts). */
  connections: LiveConnections;
  loginThrottle: LoginThrottle;
  /** Seals secrets kept at rest (SSH credentials, the bundle signing key). */
  secrets: SecretBox;
  /** The folder beside the database for blobs and key files. */
  dataDir: string;
  bundles: BundleRuntime;
  /** Persisted jobs of named steps (provisioning, node join, …) run by this process. */
  jobs: JobRunner;
  /** Files the centre hands to devices: the agent build (apps/agent/dist) and the device scripts. */
  assets: { agentDistDir: string; deviceScriptsDir: string };
  startedAt: Date;
  /** Drives chart rollouts; operator actions run through it (see rollouts/). */
  rollouts: RolloutScheduler;
  /** The alerting loop; kick() after a rule changes. */
  alerting: Alerting;
}

const KEY = Symbol.for("outpost.server-context");
type Holder = { [KEY]?: ServerContext };

export function setServerContext(ctx: ServerContext): void {
  (globalThis as Holder)[KEY] = ctx;
}

export function getServerContext(): ServerContext {
  const ctx = (globalThis as Holder)[KEY];
  if (!ctx) throw new Error("the Outpost server context is not set: start the centre with server.ts (npm start), not `next start`");
  return ctx;
}
