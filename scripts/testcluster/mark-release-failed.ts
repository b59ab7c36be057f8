import { gzipSync } from "node:zlib";
import { decodeHelmRelease } from "../../apps/agent/src/helm/decode-helm-release";
import type { KubeApi } from "./kube-api";

interface ReleaseSecret {
  metadata: { name: string; labels?: Record<string, string>; resourceVersion?: string };
  data?: { release?: string };
}

/**
 * What klipper-helm's `helm set-status NAME failed` (a helm plugin) does to an interrupted
 * release: the latest revision's record and its `status` label say failed, so the next job can
 * follow the chart's failure policy.
 */
export async function markReleaseFailed(api: KubeApi, name: string, namespace: string): Promise<void> {
  const list = await api.request<{ items: ReleaseSecret[] }>(
    "GET",
    `/api/v1/namespaces/${namespace}/secrets?labelSelector=${encodeURIComponent(`owner=helm,name=${name}`)}&fieldSelector=${encodeURIComponent("type=helm.sh/release.v1")}`,
  );
  const latest = list.items.sort((a, b) => Number(b.metadata.labels?.version ?? 0) - Number(a.metadata.labels?.version ?? 0))[0];
  if (!latest?.data?.release) return;
  const release = decodeHelmRelease(latest.data.release) as Record<string, unknown> & { info?: Record<string, unknown> };
  release.info = { ...release.info, status: "failed" };
  const encoded = Buffer.from(gzipSync(Buffer.from(JSON.stringify(release))).toString("base64")).toString("base64");
  await api.request("PATCH", `/api/v1/namespaces/${namespace}/secrets/${latest.metadata.name}`, { metadata: { labels: { status: "failed" } }, data: { release: encoded } }, "application/merge-patch+json");
}
