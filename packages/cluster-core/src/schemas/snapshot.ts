import { z } from "zod";
import { ZIsoDate } from "./common";
import { ZHelmChartReport } from "./helm-report";

const shortText = z.string().max(253);

export const ZNodeInfo = z.object({
  name: shortText.min(1),
  ready: z.boolean(),
  roles: z.array(z.string().max(63)).max(16),
  kubeletVersion: z.string().max(64),
  cpu: z.string().max(32),
  memory: z.string().max(32),
});
export type NodeInfo = z.infer<typeof ZNodeInfo>;

export const ZWorkloadKind = z.enum(["Deployment", "StatefulSet", "DaemonSet"]);

export const ZWorkloadInfo = z.object({
  namespace: shortText.min(1),
  name: shortText.min(1),
  kind: ZWorkloadKind,
  desired: z.number().int().min(0),
  ready: z.number().int().min(0),
  /** The helm release that made it (annotation meta.helm.sh/release-name), if any. */
  helmRelease: shortText.optional(),
  /** Why it is not Ready, when its status says (e.g. a Progressing=False condition). */
  problem: z.string().max(1024).optional(),
  /** Container images of the pod template (init containers included); older agents leave it out. */
  images: z.array(z.string().min(1).max(512)).max(32).optional(),
});
export type WorkloadInfo = z.infer<typeof ZWorkloadInfo>;

export const ZClusterEvent = z.object({
  namespace: shortText,
  object: shortText,
  type: z.enum(["Normal", "Warning"]),
  reason: z.string().max(128),
  message: z.string().max(1024),
  count: z.number().int().min(1),
  lastSeen: ZIsoDate,
});
export type ClusterEvent = z.infer<typeof ZClusterEvent>;

/** Limits keep one bad or huge agent from filling the centre's database. */
export const SNAPSHOT_LIMITS = { nodes: 5000, workloads: 20000, events: 200, helmCharts: 200 } as const;

/** The first key listed twice, if any: a snapshot that names one object twice would count it twice. */
function firstDuplicate(keys: string[]): string | undefined {
  const seen = new Set<string>();
  return keys.find((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

/** What an agent reports about its cluster: the whole picture, sent on change. */
export const ZClusterSnapshot = z.object({
  k3sVersion: z.string().max(64),
  nodes: z
    .array(ZNodeInfo)
    .max(SNAPSHOT_LIMITS.nodes)
    .superRefine((nodes, ctx) => {
      const dup = firstDuplicate(nodes.map((n) => n.name));
      if (dup !== undefined) ctx.addIssue({ code: "custom", message: `node '${dup}' is listed twice` });
    }),
  workloads: z
    .array(ZWorkloadInfo)
    .max(SNAPSHOT_LIMITS.workloads)
    .superRefine((workloads, ctx) => {
      const dup = firstDuplicate(workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`));
      if (dup !== undefined) ctx.addIssue({ code: "custom", message: `workload ${dup} is listed twice` });
    }),
  events: z.array(ZClusterEvent).max(SNAPSHOT_LIMITS.events),
  /** HelmCharts Outpost manages on the cluster, with their install Jobs and releases (absent from older agents). */
  helmCharts: z.array(ZHelmChartReport).max(SNAPSHOT_LIMITS.helmCharts).optional(),
  takenAt: ZIsoDate,
});
export type ClusterSnapshot = z.infer<typeof ZClusterSnapshot>;
