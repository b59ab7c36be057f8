import { z } from "zod";
import { ZDesiredBundle } from "../bundles/bundle-transfer-protocol";

/** A Kubernetes object as the centre wants it on a cluster (applied with server-side apply). */
export const ZKubeManifest = z
  .object({
    apiVersion: z.string().min(1).max(253),
    kind: z.string().min(1).max(63).regex(/^[A-Za-z][A-Za-z0-9]*$/, "kind is a word like ConfigMap"),
    metadata: z
      .object({
        name: z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "metadata.name must be a DNS subdomain name"),
        namespace: z.string().min(1).max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "metadata.namespace must be a DNS label").optional(),
      })
      .loose(),
  })
  .loose();

export const DESIRED_STATE_LIMITS = { manifests: 500, bytes: 1024 * 1024 } as const;

const ZManifestList = z
  .array(ZKubeManifest)
  .max(DESIRED_STATE_LIMITS.manifests)
  .refine((m) => JSON.stringify(m).length <= DESIRED_STATE_LIMITS.bytes, "desired state is larger than 1 MiB");

/** PUT /api/v1/clusters/:id/desired-state */
export const ZSetDesiredStateRequest = z.object({ manifests: ZManifestList });

/** What the centre wants on a cluster; a higher generation replaces a lower one. */
export const ZDesiredState = z.object({
  generation: z.number().int().min(0),
  manifests: ZManifestList,
  /** Signed bundles the cluster should hold (absent: none). */
  bundles: z.array(ZDesiredBundle).max(100).optional(),
});
export type DesiredState = z.infer<typeof ZDesiredState>;

/** desired:applied — the agent's report after a reconcile of a generation. */
export const ZDesiredApplied = z.object({
  generation: z.number().int().min(0),
  ok: z.boolean(),
  message: z.string().max(2048),
});
export type DesiredApplied = z.infer<typeof ZDesiredApplied>;

export interface DesiredStateView {
  generation: number;
  appliedGeneration: number;
  /** The composed list the agent applies: every source's objects, labelled and annotated. */
  manifests: z.infer<typeof ZKubeManifest>[];
  /** Each source's own part (`operator`, `access`, `rollout:<id>`, …), as it gave it. */
  sources: { source: string; manifests: z.infer<typeof ZKubeManifest>[] }[];
}
