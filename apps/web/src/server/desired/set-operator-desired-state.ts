import type { CurrentUser, DesiredStateView, KubeManifest } from "@outpost/cluster-core";
import { describeObjectRef, objectRefOf } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getDesiredState } from "./get-desired-state";
import { setDesiredSource } from "./set-desired-source";

/** An operator replaces their own manifests on a cluster (the `operator` source); audited. */
export async function setOperatorDesiredState(ctx: ServerContext, actor: CurrentUser, clusterId: string, manifests: KubeManifest[]): Promise<DesiredStateView> {
  const state = await setDesiredSource(ctx, { clusterId, source: "operator", manifests });
  await recordAuditEvent(ctx.db, actor, {
    action: "cluster.set-desired-state",
    targetType: "cluster",
    targetId: clusterId,
    details: { generation: state.generation, objects: manifests.map((m) => describeObjectRef(objectRefOf(m))) },
  });
  return getDesiredState(ctx.db, clusterId);
}
