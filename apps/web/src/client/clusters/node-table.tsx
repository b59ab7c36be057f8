import { formatKubeCpu, formatKubeMemory, type NodeInfo } from "@outpost/cluster-core";
import { EmptyState } from "../ui/empty-state";
import { tableClasses } from "../ui/table-classes";
import { NodeReadyBadge } from "./node-ready-badge";
import { TableHead } from "../ui/table-head";

/** The cluster's nodes. */
export function NodeTable({ nodes, stale }: { nodes: NodeInfo[]; stale: boolean }) {
  if (nodes.length === 0) return <EmptyState title="No nodes reported">The agent has not reported any nodes for this cluster yet.</EmptyState>;
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Nodes">
        <TableHead columns={["Name", "Status", "Roles", "Kubelet", "CPU", "Memory"]} />
        <tbody className={tableClasses.body}>
          {nodes.map((n) => (
            <tr key={n.name}>
              <td className={`${tableClasses.td} font-medium text-slate-900`}>{n.name}</td>
              <td className={tableClasses.td}>
                <NodeReadyBadge ready={n.ready} stale={stale} />
              </td>
              <td className={tableClasses.td}>{n.roles.length ? n.roles.join(", ") : <span className="text-slate-500">worker</span>}</td>
              <td className={`${tableClasses.td} font-mono text-xs`}>{n.kubeletVersion || "—"}</td>
              <td className={`${tableClasses.td} tabular-nums`}>{n.cpu ? formatKubeCpu(n.cpu) : "—"}</td>
              <td className={`${tableClasses.td} tabular-nums`}>{n.memory ? <span title={n.memory}>{formatKubeMemory(n.memory)}</span> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
