import type { Watch } from "@kubernetes/client-node";
import { backoffDelay, type ClusterChange } from "@outpost/cluster-core";
import { describeWatchEvent } from "./describe-watch-event";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import { formatDuration } from "../util/format-duration";

export interface RestartingWatchOptions {
  watch: Watch;
  /** API path, e.g. /apis/apps/v1/deployments. */
  path: string;
  query?: Record<string, string>;
  onChange: (change?: ClusterChange) => void;
  log: Logger;
}

/**
 * A Kubernetes watch that outlives its connection: when the API server closes it (it does, on
 * a timer) or it fails, it is restarted after a short jittered backoff, resuming from the last
 * resourceVersion so nothing is missed and nothing is re-listed. When the version has expired
 * (410 Gone) it starts over from "now" and reports a change, since some may have been missed.
 * Returns a stop function.
 */
export function startRestartingWatch({ watch, path, query = {}, onChange, log }: RestartingWatchOptions): () => void {
  let stopped = false;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let resourceVersion: string | undefined;
  let generation = 0;

  const start = async () => {
    if (stopped) return;
    const mine = ++generation;
    const params: Record<string, string | number | boolean | undefined> = {
      ...query,
      allowWatchBookmarks: true,
      // Ask the server to end the watch itself now and then: a half-dead TCP connection on a
      // flaky uplink would otherwise hang forever without any error.
      timeoutSeconds: 240 + Math.floor(Math.random() * 120),
      resourceVersion,
    };
    const onEvent = (phase: string, object: unknown) => {
      if (stopped || mine !== generation) return;
      attempt = 0;
      if (phase === "ERROR") {
        if (readStatusCode(object) === 410) {
          resourceVersion = undefined;
          onChange();
        }
        return;
      }
      resourceVersion = readResourceVersion(object) ?? resourceVersion;
      if (phase !== "BOOKMARK") onChange(describeWatchEvent(phase, object));
    };
    const onDone = (err: unknown) => {
      if (stopped || mine !== generation) return;
      generation++;
      controller = undefined;
      const delay = backoffDelay(Math.min(attempt, 30), { baseMs: 1_000, capMs: 30_000 });
      attempt += 1;
      // While the API server is down (k3s still booting, say) every watch fails on every try:
      // log the first failure of a streak and then only every tenth.
      if (err && attempt % 10 === 1) {
        log.warn(`watch ${path} failed ${attempt > 1 ? `${attempt} times in a row ` : ""}(${describeError(err)}); restarting in ${formatDuration(delay)}`);
      }
      timer = setTimeout(() => void start(), delay);
    };
    try {
      const c = await watch.watch(path, params, onEvent, onDone);
      if (stopped) c.abort();
      else if (mine === generation) controller = c;
    } catch (err) {
      onDone(err);
    }
  };

  void start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  };
}

function readResourceVersion(object: unknown): string | undefined {
  if (typeof object !== "object" || object === null || !("metadata" in object)) return undefined;
  const metadata: unknown = object.metadata;
  if (typeof metadata !== "object" || metadata === null || !("resourceVersion" in metadata)) return undefined;
  return typeof metadata.resourceVersion === "string" ? metadata.resourceVersion : undefined;
}

function readStatusCode(object: unknown): number | undefined {
  if (typeof object !== "object" || object === null || !("code" in object)) return undefined;
  return typeof object.code === "number" ? object.code : undefined;
}
