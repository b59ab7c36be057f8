import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { buildKubeconfig } from "@/src/server/tunnel/build-kubeconfig";

// POST /api/v1/clusters/:id/kubeconfig – a kubeconfig for kubectl through the centre (mints a token
// scoped to this cluster's kube API, so a browser session only)
export const POST = apiRoute({ role: "viewer", sessionOnly: true }, async ({ ctx, caller, params, req }) => {
  const { cluster, role } = await requireClusterAccess(ctx, caller.access, params.id!);
  const { fileName, yaml } = await buildKubeconfig(ctx, caller.user, { id: cluster.id, name: cluster.name, role }, publicUrl(ctx.config, req), ctx.config.tlsCaFile ?? ctx.config.tlsCertFile);
  return new Response(yaml, {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
});
