import { publicHandler } from "@/src/server/http/public-handler";
import { publicUrl } from "@/src/server/http/public-url";
import { deviceScript } from "@/src/server/provision/device-script";
import { joinScriptVars } from "@/src/server/provision/join/join-script-vars";

// GET /api/v1/install/join-node.sh – the first stage of the one-line node join (holds no secret)
export const GET = publicHandler(async ({ ctx, req }) =>
  new Response(deviceScript(ctx, "join-node.sh", joinScriptVars(ctx.config, publicUrl(ctx.config, req))), { headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-store" } }),
);
