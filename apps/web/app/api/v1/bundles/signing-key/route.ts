import type { BundleSigningKeyView } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { bundleSigner } from "@/src/server/bundles/bundle-signer";

// GET /api/v1/bundles/signing-key – the public key bundles are signed with (agents pin it)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }): Promise<BundleSigningKeyView> => {
  const { keyId, publicKey } = await bundleSigner(ctx);
  return { keyId, publicKey };
});
