"use client";

import { useState } from "react";
import type { ApiTokenView } from "@outpost/cluster-core";
import { CreateTokenDialog } from "@/src/client/tokens/create-token-dialog";
import { RevokeTokenDialog } from "@/src/client/tokens/revoke-token-dialog";
import { TokenTable } from "@/src/client/tokens/token-table";
import { useApiTokens } from "@/src/client/tokens/use-api-tokens";
import { Button } from "@/src/client/ui/button";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";

/** The signed-in user's own API tokens: create (shown once), list, revoke. */
export function TokensClient() {
  const tokens = useApiTokens();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const newToken = (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New token
    </Button>
  );
  return (
    <>
      <PageHeader title="API tokens" description="Tokens let scripts call the Outpost API as you, with your role." actions={newToken} />
      {tokens.isPending ? (
        <LoadingRows label="Loading tokens…" />
      ) : tokens.isError ? (
        <ErrorAlert error={tokens.error} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="No API tokens" actions={newToken}>
          Create a token to call the API from scripts: <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>.
        </EmptyState>
      ) : (
        <TokenTable tokens={tokens.data} onRevoke={setRevoking} />
      )}
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
