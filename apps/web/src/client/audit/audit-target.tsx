import Link from "next/link";
import type { AuditEventRow } from "@outpost/cluster-core";

/** Where a target of each type is shown in the UI. */
const PAGE: Record<string, (id: string) => string> = {
  cluster: (id) => `/clusters/${encodeURIComponent(id)}`,
  site: () => "/sites",
  user: () => "/users",
  bundle: (id) => `/bundles/${encodeURIComponent(id)}`,
  "alert-rule": () => "/alerts",
  "alert-channel": () => "/alerts",
  "api-token": () => "/tokens",
};

/** The target of an audit event by name, linked while it still exists; its id underneath. */
export function AuditTarget({ event }: { event: AuditEventRow }) {
  const href = event.targetId && event.targetExists ? PAGE[event.targetType]?.(event.targetId) : undefined;
  const name = event.targetName ?? event.targetId;
  return (
    <>
      <span className="text-slate-600">{event.targetType}</span>{" "}
      {name &&
        (href ? (
          <Link href={href} className="font-medium text-indigo-700 hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">
            {name}
            {event.targetId && !event.targetExists && event.targetName && <span className="font-normal text-slate-600"> (gone)</span>}
          </span>
        ))}
      {event.targetId && event.targetName && <span className="block font-mono text-xs text-slate-600">{event.targetId}</span>}
    </>
  );
}
