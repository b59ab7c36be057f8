"use client";

import { Button } from "../ui/button";
import { SecretBox } from "../ui/secret-box";

/** The new token, shown once, with a curl example that uses it. */
export function CreatedToken({ token, onDone }: { token: string; onDone: () => void }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const curl = `curl -H "Authorization: Bearer ${token}" ${origin}/api/v1/clusters`;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">Copy the token now. Outpost keeps only a hash of it and cannot show it again.</p>
      <SecretBox label="API token" value={token} copyLabel="Copy token" />
      <SecretBox label="Example" value={curl} copyLabel="Copy command" />
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
