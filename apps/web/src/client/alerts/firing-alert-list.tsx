import Link from "next/link";
import type { AlertView } from "@outpost/cluster-core";
import { ALERT_CONDITIONS } from "@outpost/cluster-core";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";

/** Alerts firing now (and recently resolved ones, greyed): what, where, since when. */
export function FiringAlertList({ alerts }: { alerts: AlertView[] }) {
  if (alerts.length === 0) return <EmptyState title="Nothing is firing">When a rule&apos;s condition holds long enough, its alert shows here and goes to the rule&apos;s channels.</EmptyState>;
  return (
    <ul aria-label="Alerts" className="space-y-2">
      {alerts.map((a) => (
        <li key={a.id} data-state={a.state} className={`rounded-lg border p-3 shadow-sm ${a.state === "firing" ? "border-red-200 bg-white" : "border-slate-200 bg-slate-50"}`}>
          <div className="flex flex-wrap items-center gap-2">
            {a.state === "firing" ? (
              <Badge tone="red" dot>
                Firing
              </Badge>
            ) : (
              <Badge tone="green">Resolved</Badge>
            )}
            <span className="font-medium text-slate-900">{ALERT_CONDITIONS[a.condition]}</span>
            <span className="text-sm text-slate-600">
              on{" "}
              <Link href={`/clusters/${a.clusterId}`} className="font-medium text-indigo-700 hover:underline">
                {a.clusterName}
              </Link>{" "}
              at {a.siteName}
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {a.subject && <span className="font-mono">{a.subject}: </span>}
            {a.message}
          </p>
          <p className="mt-1 text-xs text-slate-600">
            Rule {a.ruleName} · since <RelativeTime iso={a.since} />
            {a.resolvedAt && (
              <>
                {" "}
                · resolved <RelativeTime iso={a.resolvedAt} />
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
