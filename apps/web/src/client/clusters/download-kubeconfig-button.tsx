"use client";

import { useState } from "react";
import { ApiError } from "../api-error";
import { Button } from "../ui/button";

/**
 * Downloads a kubeconfig that reaches this cluster through Outpost. Each download mints an API
 * token with the user's own role (revocable under API tokens), so kubectl can do what the user may.
 */
export function DownloadKubeconfigButton({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function download() {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(`/api/v1/clusters/${encodeURIComponent(id)}/kubeconfig`, { method: "POST", credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new ApiError(res.status, "DOWNLOAD", body?.error?.message ?? `download failed (${res.status})`);
      }
      const fileName = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "kubeconfig.yaml";
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(err instanceof Error ? err.message : "download failed");
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-col items-end">
      <Button onClick={() => void download()} disabled={busy} title="kubectl through Outpost, with your role's rights">
        {busy ? "Preparing…" : "Download kubeconfig"}
      </Button>
      {error && (
        <span role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
