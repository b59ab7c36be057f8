import { useEffect, useRef } from "react";
import type { RegistrationTokenCreated } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";
import { Button } from "../ui/button";
import { focusFirstField } from "../ui/focus-first-field";
import { RelativeTime } from "../ui/relative-time";
import { SecretBox } from "../ui/secret-box";

/** The one-time registration commands, shown once after "Add cluster". */
export function RegistrationResult({ created, clusterName, onDone }: { created: RegistrationTokenCreated; clusterName: string; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // It replaces the form that had focus: without this, focus would drop to the page behind the dialog.
  useEffect(() => focusFirstField(ref.current), []);
  return (
    <div ref={ref} className="space-y-4">
      <p className="text-sm text-slate-700">
        Run this as root on the k3s server of <span className="font-mono font-semibold">{clusterName}</span>. It fetches the agent from this centre, installs it
        as a service with its token in a file only root can read, and starts it; the cluster appears in the fleet as soon as it reports. Until then it waits on the fleet page, where it can be revoked.
      </p>
      {created.installCommand && <SecretBox label="Install command" value={created.installCommand} copyLabel="Copy command" />}
      {created.installTrust && <p className="text-xs text-slate-500">Trust: {created.installTrust}.</p>}
      <details className="text-sm text-slate-600">
        <summary className="cursor-pointer">The agent is already on the device?</summary>
        <div className="mt-2">
          <SecretBox label="Registration command" value={created.command} copyLabel="Copy registration command" />
        </div>
      </details>
      <p className="text-sm text-slate-600">
        The token travels in the environment, never on the command line, where every user of the device could read it. For a service, put the token in a file
        only root can read and start the agent with <span className="font-mono">--registration-token-file PATH</span> instead.
        {created.command.includes("--insecure-plain-http") && " This centre is served over plain http: set OUTPOST_PUBLIC_URL to its https address so agents need not accept an unencrypted link."}
      </p>
      <p className="text-sm text-slate-600">
        The token works once and expires <RelativeTime iso={created.expiresAt} className="font-medium text-slate-900" /> (
        <span data-testid="registration-expires-at">{formatDateTime(created.expiresAt)}</span>). It is not shown again.
      </p>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
