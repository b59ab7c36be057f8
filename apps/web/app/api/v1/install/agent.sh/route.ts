import { publicHandler } from "@/src/server/http/public-handler";
import { publicUrl } from "@/src/server/http/public-url";
import { deviceScript } from "@/src/server/provision/device-script";
import { agentInstallFiles } from "@/src/server/provision/join/agent-install-files";
import { joinScriptVars } from "@/src/server/provision/join/join-script-vars";
import { centreCaPem } from "@/src/server/provision/steps/centre-ca-pem";

// GET /api/v1/install/agent.sh – the one-line agent install of "Add cluster" (holds no secret; the token comes from the command line's environment)
export const GET = publicHandler(async ({ ctx, req }) => {
  const files = agentInstallFiles(ctx).map((f) => `${f.sha256} ${f.path}`).join("\n");
  const script = deviceScript(ctx, "install-agent.sh", { ...joinScriptVars(ctx.config, publicUrl(ctx.config, req)), OUTPOST_AGENT_FILES: files, OUTPOST_CENTRE_CA: centreCaPem(ctx) ?? "" });
  return new Response(script, { headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-store" } });
});
