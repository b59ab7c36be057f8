import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { JobContainer, JobPod } from "./job-pod";
import { KubeApiError, type KubeApi } from "./kube-api";
import { runKlipperHelmEntry } from "./klipper-helm-entry";
import { markReleaseFailed } from "./mark-release-failed";
import { mountPodVolumes } from "./mount-pod-volumes";

export interface JobPodContext {
  api: KubeApi;
  /** The cluster directory (DIR of testcluster.sh). */
  dir: string;
  helm: string;
  log: (line: string) => void;
}

const MAX_MESSAGE = 4096;
const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

/**
 * Plays the kubelet for one helm-controller Job pod scheduled to a kwok node: starts the
 * "container" (klipper-helm's entry contract with the real helm), reports its states in the pod
 * status as a kubelet does (Running; then terminated with exit code and termination message,
 * and for restartPolicy OnFailure CrashLoopBackOff with a doubling back-off and a new attempt),
 * keeps each attempt's output as the container log that `kubectl logs` reads (through a kwok
 * Logs object), and on deletion stops the container and removes the pod.
 */
export async function runJobPod(ctx: JobPodContext, pod: JobPod, stopped: AbortSignal): Promise<void> {
  const container = pod.spec.containers[0];
  if (!container) return;
  const { namespace, name } = pod.metadata;
  const root = join(ctx.dir, "helm-jobs", `${namespace}_${name}_${pod.metadata.uid}`);
  const podPath = `/api/v1/namespaces/${namespace}/pods/${name}`;
  let restarts = pod.status?.containerStatuses?.find((c) => c.name === container.name)?.restartCount ?? 0;
  let previousLog: string | null = null;
  let lastTerminated: Record<string, unknown> | null = null;
  const startTime = new Date().toISOString();
  const podIp = `10.42.250.${1 + (hash(pod.metadata.uid) % 250)}`;
  const patchStatus = (status: Record<string, unknown>) =>
    ctx.api.request("PATCH", `${podPath}/status`, { status: { hostIP: "127.0.0.1", podIP: podIp, podIPs: [{ ip: podIp }], startTime, ...status } }, "application/merge-patch+json");
  const containerStatus = (state: Record<string, unknown>, ready: boolean) => ({
    name: container.name,
    image: container.image ?? "",
    imageID: `outpost-standin://klipper-helm@${container.image ?? ""}`,
    containerID: `outpost-standin://${pod.metadata.uid}-${restarts}`,
    ready,
    started: ready,
    restartCount: restarts,
    state,
    ...(lastTerminated ? { lastState: { terminated: lastTerminated } } : {}),
  });

  for (;;) {
    if (stopped.aborted) return;
    const logFile = join(ctx.dir, "pod-logs", "helm-jobs", `${namespace}_${name}`, `${restarts}.log`);
    mkdirSync(join(logFile, ".."), { recursive: true });
    writeFileSync(logFile, "");
    await publishLogs(ctx.api, pod, container, logFile, previousLog);
    const startedAt = new Date().toISOString();
    await patchStatus({
      phase: "Running",
      conditions: conditions(true),
      containerStatuses: [containerStatus({ running: { startedAt } }, true)],
    });
    const terminationLog = join(root, "termination-log");
    mkdirSync(root, { recursive: true });
    rmSync(terminationLog, { force: true });
    writeFileSync(terminationLog, "");
    const logLine = (line: string) => appendFileSync(logFile, `${new Date().toISOString()} stdout F ${line}\n`);
    const exitCode = await startContainer(ctx, pod, container, root, terminationLog, logLine, stopped).catch((err: unknown) => {
      logLine(`stand-in: container could not start: ${err instanceof Error ? err.message : String(err)}`);
      return 128;
    });
    const finishedAt = new Date().toISOString();
    lastTerminated = {
      exitCode,
      reason: exitCode === 0 ? "Completed" : "Error",
      message: terminationMessage(container, terminationLog, logFile, exitCode),
      startedAt,
      finishedAt,
      containerID: `outpost-standin://${pod.metadata.uid}-${restarts}`,
    };
    ctx.log(`${namespace}/${name}: attempt ${restarts + 1} exited with ${exitCode}`);
    if (stopped.aborted) return;
    const restart = exitCode !== 0 && pod.spec.restartPolicy !== "Never";
    if (!restart) {
      const terminated = lastTerminated;
      lastTerminated = null;
      await patchStatus({
        phase: exitCode === 0 ? "Succeeded" : "Failed",
        conditions: conditions(false, "PodCompleted"),
        containerStatuses: [containerStatus({ terminated }, false)],
      });
      return;
    }
    const backoff = Math.min(BACKOFF_START_MS * 2 ** restarts, BACKOFF_MAX_MS);
    restarts += 1;
    previousLog = logFile;
    // As a kubelet: during the back-off, `kubectl logs --previous` already shows the attempt that failed.
    await publishLogs(ctx.api, pod, container, logFile, previousLog);
    await patchStatus({
      phase: "Running",
      conditions: conditions(false, "ContainersNotReady"),
      containerStatuses: [
        containerStatus({ waiting: { reason: "CrashLoopBackOff", message: `back-off ${backoff / 1000}s restarting failed container=${container.name} pod=${name}_${namespace}(${pod.metadata.uid})` } }, false),
      ],
    });
    await sleep(backoff, stopped);
  }
}

/** The kubelet's final word on a deleted pod: it is gone (grace period over). */
export async function removeJobPod(ctx: JobPodContext, pod: JobPod): Promise<void> {
  const { namespace, name } = pod.metadata;
  await ctx.api.request("DELETE", `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${namespace}/logs/${name}`).catch(() => undefined);
  await ctx.api
    .request("DELETE", `/api/v1/namespaces/${namespace}/pods/${name}`, { apiVersion: "v1", kind: "DeleteOptions", gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } })
    .catch((err: unknown) => {
      if (!(err instanceof KubeApiError && (err.status === 404 || err.status === 409))) throw err;
    });
  rmSync(join(ctx.dir, "helm-jobs", `${namespace}_${name}_${pod.metadata.uid}`), { recursive: true, force: true });
}

async function startContainer(ctx: JobPodContext, pod: JobPod, container: JobContainer, root: string, terminationLog: string, log: (line: string) => void, stopped: AbortSignal): Promise<number> {
  const mounts = await mountPodVolumes(ctx.api, pod, container, root);
  const kubeconfig = await serviceAccountKubeconfig(ctx.api, pod, root);
  const env: Record<string, string> = { KUBERNETES_SERVICE_HOST: "127.0.0.1", KUBERNETES_SERVICE_PORT: new URL(ctx.api.server).port };
  for (const e of container.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
  // The image's home is /home/klipper-helm with emptyDirs mounted on .helm, .cache and .config.
  const home = join(root, "home");
  mkdirSync(home, { recursive: true });
  for (const [mountPath, dir] of mounts) {
    const link = join(home, mountPath.slice("/home/klipper-helm/".length));
    if (mountPath.startsWith("/home/klipper-helm/") && !existsSync(link)) symlinkSync(dir, link);
  }
  const tmp = mounts.get("/tmp") ?? join(root, "tmp");
  mkdirSync(tmp, { recursive: true });
  return runKlipperHelmEntry({
    args: container.args ?? [],
    env,
    paths: {
      config: mounts.get("/config") ?? null,
      chart: mounts.get("/chart") ?? null,
      auth: mounts.get("/auth") ?? null,
      caFiles: mounts.get("/ca-files") ?? null,
      tmp,
      home,
      terminationLog,
    },
    helm: ctx.helm,
    kubeconfig,
    log,
    signal: stopped,
    setReleaseFailed: (release, namespace) => markReleaseFailed(ctx.api, release, namespace),
  });
}

/** A kubeconfig with a bound token of the pod's service account, as the pod would mount it. */
async function serviceAccountKubeconfig(api: KubeApi, pod: JobPod, root: string): Promise<string> {
  const sa = pod.spec.serviceAccountName ?? "default";
  const res = await api.request<{ status: { token: string } }>("POST", `/api/v1/namespaces/${pod.metadata.namespace}/serviceaccounts/${sa}/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: 3600, boundObjectRef: { apiVersion: "v1", kind: "Pod", name: pod.metadata.name, uid: pod.metadata.uid } },
  });
  const file = join(root, "serviceaccount", "kubeconfig");
  mkdirSync(join(root, "serviceaccount"), { recursive: true });
  const ca = Buffer.from(api.caPem).toString("base64");
  writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: in-cluster\n  cluster:\n    server: ${api.server}\n    certificate-authority-data: ${ca}`,
      "users:",
      `- name: ${sa}\n  user:\n    token: ${res.status.token}`,
      "contexts:",
      `- name: in-cluster\n  context:\n    cluster: in-cluster\n    user: ${sa}\n    namespace: ${pod.metadata.namespace}`,
      "current-context: in-cluster",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  return file;
}

/** kwok serves `kubectl logs` for this pod from the attempt's file (and --previous from the one before). */
async function publishLogs(api: KubeApi, pod: JobPod, container: JobContainer, logFile: string, previous: string | null): Promise<void> {
  const { namespace, name } = pod.metadata;
  const body = {
    apiVersion: "kwok.x-k8s.io/v1alpha1",
    kind: "Logs",
    metadata: { name, namespace },
    spec: { logs: [{ containers: [container.name], logsFile: logFile, ...(previous ? { previousLogsFile: previous } : {}), follow: true }] },
  };
  await api.request("PATCH", `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${namespace}/logs/${name}?fieldManager=outpost-kubelet-standin&force=true`, body, "application/apply-patch+yaml");
}

/** The kubelet's rules: the termination-message file (at most 4 KiB), or with FallbackToLogsOnError the log's end. */
function terminationMessage(container: JobContainer, terminationLog: string, logFile: string, exitCode: number): string {
  const fromFile = existsSync(terminationLog) ? readFileSync(terminationLog, "utf8") : "";
  if (fromFile || container.terminationMessagePolicy !== "FallbackToLogsOnError" || exitCode === 0) return fromFile.slice(-MAX_MESSAGE);
  const lines = readFileSync(logFile, "utf8").split("\n").map((l) => l.replace(/^\S+ \S+ \S+ /, ""));
  return lines.slice(-80).join("\n").slice(-2048);
}

function conditions(ready: boolean, reason?: string): Array<Record<string, string>> {
  const now = new Date().toISOString();
  const c = (type: string, status: boolean) => ({ type, status: status ? "True" : "False", lastTransitionTime: now, ...(status || !reason ? {} : { reason }) });
  return [c("PodScheduled", true), c("Initialized", true), c("ContainersReady", ready), c("Ready", ready)];
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
