/**
 * The kubelet + klipper-helm stand-in of a test control plane (see README "Charts in the
 * tests"): kwok runs no containers, so this process takes every pod of helm-controller's Jobs
 * (label helmcharts.helm.cattle.io/chart; kwok's pod stages leave them alone) once it is
 * scheduled, and runs it the way a kubelet with the klipper-helm image would.
 *
 *   node --import tsx scripts/testcluster/helm-job-runner.ts DIR APISERVER_URL HELM
 */
import { KubeApi, KubeApiError } from "./kube-api";
import type { JobPod } from "./job-pod";
import { type JobPodContext, removeJobPod, runJobPod } from "./run-job-pod";

export const HELM_JOB_LABEL = "helmcharts.helm.cattle.io/chart";
const PODS = `/api/v1/pods?labelSelector=${encodeURIComponent(HELM_JOB_LABEL)}`;

interface Worker {
  stop: AbortController;
  done: Promise<void>;
  deleting: boolean;
}

async function main(): Promise<void> {
  const [dir, server, helm] = process.argv.slice(2);
  if (!dir || !server || !helm) throw new Error("usage: helm-job-runner.ts DIR APISERVER_URL HELM");
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const ctx: JobPodContext = { api: KubeApi.forClusterDir(dir, server), dir, helm, log };
  const workers = new Map<string, Worker>();
  const shutdown = new AbortController();
  for (const sig of ["SIGTERM", "SIGINT"] as const) process.on(sig, () => shutdown.abort());

  const handle = (pod: JobPod, deleted: boolean) => {
    const uid = pod.metadata.uid;
    const worker = workers.get(uid);
    if (deleted) {
      worker?.stop.abort();
      return;
    }
    if (!pod.spec.nodeName) return;
    if (pod.metadata.deletionTimestamp) {
      if (worker?.deleting) return;
      if (!worker) {
        workers.set(uid, { stop: new AbortController(), done: Promise.resolve(), deleting: true });
        void removeJobPod(ctx, pod).catch((err: unknown) => log(`cannot remove ${pod.metadata.name}: ${String(err)}`));
        return;
      }
      // A kubelet sends SIGTERM (klipper-helm ignores it) and kills after the grace period.
      worker.deleting = true;
      const grace = setTimeout(() => worker.stop.abort(), (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000);
      void worker.done.then(() => {
        clearTimeout(grace);
        return removeJobPod(ctx, pod).catch((err: unknown) => log(`cannot remove ${pod.metadata.name}: ${String(err)}`));
      });
      return;
    }
    if (worker || pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") return;
    const stop = new AbortController();
    log(`${pod.metadata.namespace}/${pod.metadata.name}: starting on ${pod.spec.nodeName}`);
    const done = runJobPod(ctx, pod, stop.signal).catch((err: unknown) => {
      log(`${pod.metadata.namespace}/${pod.metadata.name}: ${err instanceof Error ? err.message : String(err)}; trying again at the next resync`);
      // Like a kubelet's sync loop: the pod is picked up again when it is next listed.
      if (workers.get(uid)?.stop === stop) workers.delete(uid);
    });
    workers.set(uid, { stop, done, deleting: false });
  };

  while (!shutdown.signal.aborted) {
    try {
      const list = await ctx.api.request<{ metadata: { resourceVersion: string }; items: JobPod[] }>("GET", PODS);
      log(`watching helm-controller's job pods (${list.items.length} now)`);
      const seen = new Set(list.items.map((p) => p.metadata.uid));
      for (const [uid, w] of workers) if (!seen.has(uid)) w.stop.abort();
      for (const pod of list.items) handle(pod, false);
      // The watch ends after a minute and everything is listed again (a resync).
      await ctx.api.watch<JobPod>(
        `${PODS}&watch=true&allowWatchBookmarks=true&timeoutSeconds=60&resourceVersion=${list.metadata.resourceVersion}`,
        (e) => {
          if (e.type === "ADDED" || e.type === "MODIFIED" || e.type === "DELETED") handle(e.object, e.type === "DELETED");
        },
        shutdown.signal,
      );
    } catch (err) {
      if (shutdown.signal.aborted) break;
      log(`watch: ${err instanceof KubeApiError ? err.message : String(err)}; listing again`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  for (const w of workers.values()) w.stop.abort();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
