import { ZRegisterAgentRequest } from "@outpost/cluster-core";
import { publicRoute } from "@/src/server/http/api-route";
import { registerAgent } from "@/src/server/fleet/register-agent";
import { syncAccessBindings } from "@/src/server/access/sync-access-bindings";
import { bundleSigner } from "@/src/server/bundles/bundle-signer";
import { refreshDesiredBundles } from "@/src/server/bundles/refresh-desired-bundles";

// POST /api/v1/agent/register – an agent trades its one-time registration token for a credential
// (and learns the bundle signing key it will pin)
export const POST = publicRoute(ZRegisterAgentRequest, async ({ ctx, body }) => {
  const registered = await registerAgent(ctx.db, body);
  // The new cluster's desired state starts with Outpost's RBAC bindings, before its agent's first hello.
  await syncAccessBindings(ctx, [registered.clusterId]);
  ctx.live.fleetChanged();
  // Bundles assigned by a selector the new cluster's labels match are in its first desired state.
  await refreshDesiredBundles(ctx, [registered.clusterId]);
  const { publicKey } = await bundleSigner(ctx);
  return Response.json({ ...registered, bundleSigningKey: publicKey }, { status: 201 });
});
