import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { buildKubeconfig } from "@/src/server/tunnel/build-kubeconfig";

// POST /api/v1/clusters/:id/kubeconfig – a kubeconfig for kubectl through the centre (mints an API token)
export const POST = apiRoute({ role: "viewer" }, async ({ ctx, user, params, req }) => {
  const { fileName, yaml } = await buildKubeconfig(ctx.db, user, params.id!, publicUrl(ctx.config, req), ctx.config.tlsCaFile ?? ctx.config.tlsCertFile);
  return new Response(yaml, {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
});
