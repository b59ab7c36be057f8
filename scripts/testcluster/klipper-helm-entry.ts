import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the container's mounts of a helm-controller Job pod live on this host. */
export interface KlipperPaths {
  /** /config: the chart-values-NAME Secret (values-*.yaml, ca-file.pem). */
  config: string | null;
  /** /chart: the chart-content-NAME ConfigMap (NAME.tgz.base64 for chartContent charts). */
  chart: string | null;
  /** /auth and /ca-files: optional repository credentials and CAs. */
  auth: string | null;
  caFiles: string | null;
  /** /tmp (an emptyDir) and the user's home (HELM_*_HOME live under it). */
  tmp: string;
  home: string;
  /** /dev/termination-log: what the kubelet reports as the container's termination message. */
  terminationLog: string;
}

export interface KlipperRun {
  /** The container's args: ["install", "--namespace", ns, ...] or ["delete"]. */
  args: string[];
  env: Readonly<Record<string, string>>;
  paths: KlipperPaths;
  helm: string;
  /** A kubeconfig with the pod's service account token. */
  kubeconfig: string;
  /** One line of the container's output (its log). */
  log: (line: string) => void;
  /** Aborted when the kubelet kills the container (pod deleted, grace period over). */
  signal: AbortSignal;
  /** What the helm-set-status plugin does: mark the latest revision of the release failed. */
  setReleaseFailed: (name: string, namespace: string) => Promise<void>;
}

const CONFIG_HASH_KEY = "helmcharts.helm.cattle.io/configHash";

/**
 * The contract of klipper-helm's `entry` script (k3s-io/klipper-helm), which helm-controller's
 * install Jobs run: read NAME, CHART, REPO, VERSION, TARGET_NAMESPACE, FAILURE_POLICY, TIMEOUT,
 * CONFIG_HASH, EXPECTED_RELEASE_REVISION, ... from the environment, the values files from
 * /config and an inline chart from /chart, then install, upgrade, reinstall or uninstall the
 * release with a real `helm` (v3 here: SERVER_SIDE / FORCE_CONFLICTS, which need helm v4's
 * server-side apply, are not passed on), writing progress lines to the termination log.
 * Returns the container's exit code.
 */
export async function runKlipperHelmEntry(run: KlipperRun): Promise<number> {
  const env = run.env;
  const name = env.NAME ?? "";
  const target = env.TARGET_NAMESPACE ?? env.CHART_NAMESPACE ?? "default";
  const term = (line: string) => appendFileSync(run.paths.terminationLog, `${line}\n`);
  const helm = (args: string[]) => runHelm(run, args);

  let chart = (env.CHART ?? "").replaceAll("%{KUBERNETES_API}%", `${env.KUBERNETES_SERVICE_HOST ?? "127.0.0.1"}:${env.KUBERNETES_SERVICE_PORT ?? "6443"}`);
  if (env.HELM_VERSION === "v2") {
    term("Helm v2 is EOL effective 2020-11-13; upgrade your chart to helm v3");
    run.log("Helm v2 is EOL effective 2020-11-13; upgrade your chart to helm v3");
    return 64;
  }

  const tls: string[] = [];
  const caBundle = [run.paths.config ? join(run.paths.config, "ca-file.pem") : null, ...listFiles(run.paths.caFiles)]
    .filter((f): f is string => f !== null && existsSync(f))
    .map((f) => `\n${readFileSync(f, "utf8")}`)
    .join("");
  if (caBundle) {
    const caFile = join(run.paths.tmp, "ca-file.pem");
    writeFileSync(caFile, caBundle);
    tls.push("--ca-file", caFile);
  }
  if (env.INSECURE_SKIP_TLS_VERIFY === "true") tls.push("--insecure-skip-tls-verify");
  const common = [...tls];
  if (env.PLAIN_HTTP === "true") common.push("--plain-http");
  if (env.TIMEOUT) common.push("--timeout", env.TIMEOUT);
  if (env.CONFIG_HASH) common.push("--labels", `${CONFIG_HASH_KEY}=${env.CONFIG_HASH}`);

  // An inline chart (spec.chartContent) arrives base64-encoded in the content ConfigMap.
  const encoded = run.paths.chart ? join(run.paths.chart, `${name}.tgz.base64`) : null;
  if (encoded && existsSync(encoded)) {
    chart = join(run.paths.tmp, `${name}.tgz`);
    writeFileSync(chart, Buffer.from(readFileSync(encoded, "utf8").replace(/\s+/g, ""), "base64"));
  }

  const action = run.args[0] ?? "install";
  if (action !== "delete") {
    if (/https?:\/\//.test(chart)) {
      run.log("chart path is a url, skipping repo update");
      await helm(["repo", "remove", "stable"]);
    } else {
      if (chart.startsWith("stable/")) {
        await helm(["repo", "add", ...tls, "stable", env.STABLE_REPO_URL ?? ""]);
        await helm(["repo", "update"]);
      }
      if (env.REPO) {
        const repoName = name.split("/")[0]!;
        const auth = run.paths.auth;
        const pass = env.AUTH_PASS_CREDENTIALS === "true" ? ["--pass-credentials"] : [];
        if (auth && existsSync(join(auth, "username")) && existsSync(join(auth, "password"))) {
          const user = readFileSync(join(auth, "username"), "utf8");
          await runHelm(run, ["repo", "add", ...tls, ...pass, "--username", user, "--password-stdin", repoName, env.REPO], readFileSync(join(auth, "password"), "utf8"));
        } else if (auth && existsSync(join(auth, "tls.crt")) && existsSync(join(auth, "tls.key"))) {
          await helm(["repo", "add", ...tls, ...pass, "--cert-file", join(auth, "tls.crt"), "--key-file", join(auth, "tls.key"), repoName, env.REPO]);
        } else {
          await helm(["repo", "add", ...tls, repoName, env.REPO]);
        }
        await helm(["repo", "update"]);
      }
    }
  }

  const status = await helm(["status", "--namespace", target, name, "--output", "json"]);
  let release: { status: string; revision: string } = { status: "", revision: "" };
  if (status.code === 0) {
    const parsed = JSON.parse(status.stdout) as { info?: { status?: string }; version?: number };
    release = { status: parsed.info?.status ?? "", revision: parsed.version === undefined ? "" : String(parsed.version) };
  }
  const values = listFiles(run.paths.config)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => ["--values", f]);
  const rest = run.args.slice(1);
  const install = () => helm([action, ...rest, name, chart, ...common, ...values]).then((r) => r.code);
  const upgrade = () => helm(["upgrade", ...rest, name, chart, ...common, ...values]).then((r) => r.code);
  /** Another job changed the release since this one was made: leave it to the next job. */
  const revisionMoved = () => {
    const expected = env.EXPECTED_RELEASE_REVISION;
    if (!expected || expected === release.revision) return false;
    term(`Current release revision ${release.revision} does not match expected revision ${expected}`);
    run.log(`Current release revision ${release.revision} does not match expected revision ${expected}`);
    return true;
  };

  if (action === "delete") {
    if (!release.revision) {
      term("No helm chart installed; nothing to delete");
      return 0;
    }
    if (revisionMoved()) return 0;
    term("Uninstalling helm chart");
    await helm(["uninstall", name, "--namespace", target, "--wait"]);
    return 0;
  }
  if (!release.revision && !release.status) {
    term("Installing helm chart");
    return install();
  }
  if (revisionMoved()) return 0;
  if (/^(pending-install|pending-upgrade|pending-rollback|superseded|uninstalling)$/.test(release.status)) {
    run.log(`Previous helm job was interrupted, updating status from ${release.status} to failed`);
    term(`Resetting helm release status from '${release.status}' to 'failed'`);
    await run.setReleaseFailed(name, target);
    if (release.status === "pending-upgrade" || release.status === "superseded") {
      term("Retrying upgrade of helm chart");
      run.log(`Retrying upgrade of ${name}`);
      return upgrade();
    }
    release.status = "failed";
  }
  if (release.status === "deployed") {
    run.log(`Already installed ${name}`);
    // klipper-helm runs the helm-mapkubeapis plugin here; the stand-in's helm has no plugins,
    // and the test clusters serve no removed API versions.
    term("Upgrading helm chart");
    run.log(`Upgrading ${name}`);
    return upgrade();
  }
  if (/^(deleted|failed|null|unknown)$/.test(release.status)) {
    const policy = env.FAILURE_POLICY || "reinstall";
    if (policy === "abort") {
      const line = `Release status is '${release.status}' and failure policy is '${policy}'; waiting for operator intervention`;
      term(line);
      run.log(line);
      return 1;
    }
    if (policy === "reinstall") {
      term(`Uninstalling ${release.status} helm chart`);
      await helm(["uninstall", name, "--namespace", target, "--wait"]);
      run.log("Deleted");
      term("Installing helm chart");
      return install();
    }
    if (policy === "retry") {
      term(`Upgrading ${name} from failed state`);
      await upgrade();
      return 0;
    }
    term(`Unknown failure policy '${policy}'`);
    run.log(`Unknown failure policy '${policy}'`);
    return 1;
  }
  term("Installing helm chart");
  return install();
}

function listFiles(dir: string | null): string[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith(".") && (d.isFile() || d.isSymbolicLink()))
    .map((d) => join(dir, d.name))
    .sort();
}

/** Runs the real helm like the entry script does (its `set -x` trace goes to the log too). */
function runHelm(run: KlipperRun, args: string[], stdin?: string): Promise<{ code: number; stdout: string }> {
  run.log(`+ helm ${args.join(" ")}`);
  const home = run.paths.home;
  return new Promise((resolve) => {
    const child = spawn(run.helm, args, {
      stdio: ["pipe", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: home,
        KUBECONFIG: run.kubeconfig,
        HELM_DRIVER: run.env.HELM_DRIVER ?? "secret",
        HELM_CACHE_HOME: join(home, ".cache", "helm"),
        HELM_CONFIG_HOME: join(home, ".config", "helm"),
        HELM_DATA_HOME: join(home, ".local", "share", "helm"),
        TMPDIR: run.paths.tmp,
        ...proxyEnv(run.env),
      },
    });
    let stdout = "";
    let pending = "";
    const emit = (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) run.log(line);
    };
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      emit(c);
    });
    child.stderr.setEncoding("utf8").on("data", emit);
    child.stdin.end(stdin ?? "");
    const kill = () => child.kill("SIGKILL");
    run.signal.addEventListener("abort", kill, { once: true });
    child.on("close", () => run.signal.removeEventListener("abort", kill));
    child.on("error", (err) => {
      run.log(`cannot run helm: ${err.message}`);
      resolve({ code: 127, stdout });
    });
    child.on("close", (code) => {
      if (pending) run.log(pending);
      resolve({ code: code ?? 1, stdout });
    });
  });
}

function proxyEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const keys = ["all_proxy", "ALL_PROXY", "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"];
  return Object.fromEntries(keys.filter((k) => env[k]).map((k) => [k, env[k]!]));
}
