import type { WorkloadInfo } from "@outpost/cluster-core";
import { EmptyState } from "../ui/empty-state";
import { tableClasses } from "../ui/table-classes";
import { WorkloadHealthBadge } from "./workload-health-badge";
import { TableHead } from "../ui/table-head";

/** Deployments, StatefulSets and DaemonSets with ready/desired replicas. */
export function WorkloadTable({ workloads, stale }: { workloads: WorkloadInfo[]; stale: boolean }) {
  if (workloads.length === 0) return <EmptyState title="No workloads">No Deployments, StatefulSets or DaemonSets were reported.</EmptyState>;
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Workloads">
        <TableHead columns={["Namespace", "Kind", "Name", "Ready", "Health"]} />
        <tbody className={tableClasses.body}>
          {workloads.map((w) => (
            <tr key={`${w.namespace}/${w.kind}/${w.name}`}>
              <td className={`${tableClasses.td} text-slate-500`}>{w.namespace}</td>
              <td className={tableClasses.td}>{w.kind}</td>
              <td className={`${tableClasses.td} font-medium text-slate-900`}>{w.name}</td>
              <td className={`${tableClasses.td} tabular-nums ${stale ? "text-slate-600" : ""}`}>
                {w.ready}/{w.desired}
              </td>
              <td className={tableClasses.td}>
                <WorkloadHealthBadge workload={w} stale={stale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
