import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { JobContainer, JobPod, PodVolume } from "./job-pod";
import type { KubeApi } from "./kube-api";

type Source = { kind: "secret" | "configMap"; name: string; items?: Array<{ key: string; path: string }>; optional?: boolean };

/**
 * What the kubelet does before a container starts: fills each volume the container mounts
 * (emptyDir, secret, configMap, projected) into a directory under `root`. Returns mountPath →
 * directory. A missing secret or ConfigMap that is not optional fails the start, as it would
 * keep a real pod in ContainerCreating.
 */
export async function mountPodVolumes(api: KubeApi, pod: JobPod, container: JobContainer, root: string): Promise<Map<string, string>> {
  const mounts = new Map<string, string>();
  for (const mount of container.volumeMounts ?? []) {
    const volume = pod.spec.volumes?.find((v) => v.name === mount.name);
    if (!volume) throw new Error(`volume ${mount.name} is not defined in the pod`);
    const dir = join(root, "volumes", volume.name);
    if (!volume.emptyDir) {
      rmSync(dir, { recursive: true, force: true });
      for (const source of sourcesOf(volume)) await writeSource(api, pod.metadata.namespace, source, dir);
    }
    mkdirSync(dir, { recursive: true });
    mounts.set(mount.mountPath, dir);
  }
  return mounts;
}

function sourcesOf(volume: PodVolume): Source[] {
  if (volume.secret) return [{ kind: "secret", name: volume.secret.secretName, items: volume.secret.items, optional: volume.secret.optional }];
  if (volume.configMap) return [{ kind: "configMap", ...volume.configMap }];
  if (volume.projected) {
    return volume.projected.sources.flatMap((s): Source[] =>
      s.secret ? [{ kind: "secret", ...s.secret }] : s.configMap ? [{ kind: "configMap", ...s.configMap }] : [],
    );
  }
  throw new Error(`volume ${volume.name}: only emptyDir, secret, configMap and projected volumes are supported by the stand-in`);
}

async function writeSource(api: KubeApi, namespace: string, source: Source, dir: string): Promise<void> {
  const path = `/api/v1/namespaces/${namespace}/${source.kind === "secret" ? "secrets" : "configmaps"}/${source.name}`;
  const obj = await api.get<{ data?: Record<string, string>; binaryData?: Record<string, string> }>(path);
  if (!obj) {
    if (source.optional) return;
    throw new Error(`${source.kind} ${namespace}/${source.name} not found`);
  }
  const bytes = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(obj.data ?? {})) bytes.set(k, source.kind === "secret" ? Buffer.from(v, "base64") : Buffer.from(v, "utf8"));
  for (const [k, v] of Object.entries(obj.binaryData ?? {})) bytes.set(k, Buffer.from(v, "base64"));
  const items = source.items && source.items.length > 0 ? source.items : [...bytes.keys()].map((key) => ({ key, path: key }));
  for (const item of items) {
    const data = bytes.get(item.key);
    if (data === undefined) {
      if (source.optional) continue;
      throw new Error(`${source.kind} ${namespace}/${source.name} has no key ${item.key}`);
    }
    const file = join(dir, item.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data, { mode: 0o644 });
  }
}
