import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { ClusterDriver, DesiredApplied } from "@outpost/cluster-core";
import type { AgentSession } from "./connection/agent-session";
import { AppliedObjectsStore } from "./desired/applied-objects-store";
import { DesiredStateStore } from "./desired/desired-state-store";
import { Reconciler } from "./desired/reconciler";
import { Outbox } from "./outbox/outbox";
import { AgentReporter } from "./reporting/agent-reporter";
import { parseAgentArgs } from "./cli/parse-args";
import { USAGE } from "./cli/usage";
import { runConnectionLoop } from "./connection/connection-loop";
import { credentialPath } from "./credentials/credential-store";
import { ensureCredential } from "./credentials/ensure-credential";
import { createCredentialHolder } from "./credentials/credential-holder";
import { createDriver } from "./drivers/create-driver";
import type { LocalApi } from "./tunnel/local-api";
import { SimDriver } from "./drivers/sim-driver";
import { AgentConfigError, AgentError } from "./errors/agent-error";
import { createLogger } from "./logging/logger";
import { AGENT_VERSION } from "./version";
import { BundleManager } from "./bundles/bundle-manager";
import { DeviceBundleStore } from "./bundles/device-bundle-store";
import { runImport } from "./bundles/run-import";

/** The whole agent run; resolves to the process exit code (see USAGE for their meaning). */
export async function runAgent(argv: readonly string[], env: Record<string, string | undefined>): Promise<number> {
  let command: ReturnType<typeof parseAgentArgs>;
  try {
    command = parseAgentArgs(argv, env);
  } catch (err) {
    if (!(err instanceof AgentConfigError)) throw err;
    process.stderr.write(`outpost-agent: ${err.message} (see --help)\n`);
    return err.exitCode;
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === "version") {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return 0;
  }
  if (command.kind === "import") return runImport(command.config);

  const { config } = command;
  const log = createLogger();
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) return;
    log.info(`${signal} received, shutting down`);
    stop.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);

  let driver: ClusterDriver | undefined;
  let localApi: LocalApi | null = null;
  let outbox: Outbox | undefined;
  let reporter: AgentReporter | undefined;
  let reconciler: Reconciler | undefined;
  let bundles: BundleManager | undefined;
  try {
    const source = config.cluster.mode === "kube" ? `kubeconfig ${config.cluster.kubeconfig}` : `simulated cluster '${config.cluster.name}'`;
    log.info(`outpost-agent ${AGENT_VERSION} starting: ${source}, centre ${config.server}, state in ${config.stateDir}`);
    // The driver first: a broken kubeconfig should fail before a single-use token is spent.
    driver = await createDriver(config.cluster, log);
    if (config.cluster.mode === "kube") {
      // Imported lazily, like the KubeDriver: a simulated agent never loads the Kubernetes client.
      const { createLocalApi } = await import("./tunnel/local-api");
      localApi = await createLocalApi(config.cluster.kubeconfig);
    }
    if (driver instanceof SimDriver) {
      const sim = driver;
      process.on("SIGUSR2", () => {
        const node = sim.toggleNodeReady();
        log.info(`SIGUSR2: simulated node ${node.name} is now ${node.ready ? "Ready" : "NotReady"}`);
      });
    }
    const credential = await ensureCredential({ config, agentVersion: AGENT_VERSION, log, signal: stop.signal });
    if (!credential) return 0;
    const credentials = createCredentialHolder(config.stateDir, credential);

    // From here on the agent works with or without a link: it records into the durable outbox
    // and reconciles the cached desired state; the connection loop only delivers.
    outbox = await Outbox.open(join(config.stateDir, "outbox"), { maxBytes: config.outboxMaxBytes, logger: log });
    reporter = new AgentReporter(outbox, driver, log);
    let session: AgentSession | null = null;
    let latestReport: DesiredApplied | null = null;
    const desiredStore = await DesiredStateStore.open(config.stateDir);
    const rec = new Reconciler({
      driver,
      store: desiredStore,
      applied: await AppliedObjectsStore.open(config.stateDir),
      intervalMs: config.reconcileIntervalMs,
      log,
      onDrift: (change) => void reporter?.recordChange(change),
      onApplied: (report) => {
        latestReport = report;
        session?.reportDesired(report);
      },
    });
    reconciler = rec;
    // The root is the operator's choice (`/` on a device): make it exist, as k3s's own directories will.
    await mkdir(config.root, { recursive: true });
    const bundleManager = new BundleManager({
      store: await DeviceBundleStore.open(config.stateDir),
      root: config.root,
      stateDir: config.stateDir,
      desired: () => desiredStore.current()?.bundles,
      log,
    });
    bundles = bundleManager;
    reporter.start();
    rec.start();
    bundleManager.start();
    await runConnectionLoop({
      server: config.server,
      credentials,
      credentialFile: credentialPath(config.stateDir),
      agentVersion: AGENT_VERSION,
      runtime: {
        reporter,
        reconciler: rec,
        bundles: bundleManager,
        latestDesiredReport: () => latestReport,
        localApi,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        agentVersion: AGENT_VERSION,
        credentials,
        k3sTokenFile: config.k3sTokenFile,
        log,
      },
      log,
      signal: stop.signal,
      onSession: (s) => (session = s),
    });
    return 0;
  } catch (err) {
    if (err instanceof AgentError) {
      log.error({ reason: err.message }, "stopped");
      return err.exitCode;
    }
    log.error({ err }, "unexpected error");
    return 1;
  } finally {
    reconciler?.stop();
    bundles?.close();
    reporter?.stop();
    await outbox?.close().catch(() => undefined);
    await driver?.close().catch(() => undefined);
    localApi?.close();
    log.info("stopped");
  }
}
