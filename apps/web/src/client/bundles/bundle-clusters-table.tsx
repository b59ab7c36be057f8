import Link from "next/link";
import { formatBytes, type BundleClusterView } from "@outpost/cluster-core";
import { RelativeTime } from "../ui/relative-time";
import { TableHead } from "../ui/table-head";
import { tableClasses } from "../ui/table-classes";
import { BundleStateBadge } from "./bundle-state-badge";
import { TransferProgress } from "./transfer-progress";

/** Every cluster that should hold the bundle (or still does), with live transfer progress. */
export function BundleClustersTable({ clusters }: { clusters: BundleClusterView[] }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Clusters holding the bundle">
        <TableHead columns={["Cluster", "State", "Progress", "Over the link", "Note", "Reported"]} />
        <tbody className={tableClasses.body}>
          {clusters.map((c) => (
            <tr key={c.clusterId} data-cluster={c.clusterName}>
              <td className={tableClasses.td}>
                <Link href={`/clusters/${encodeURIComponent(c.clusterId)}`} className="font-medium text-indigo-700 hover:underline">
                  {c.clusterName}
                </Link>
              </td>
              <td className={tableClasses.td}>
                <BundleStateBadge state={c.state} />
              </td>
              <td className={tableClasses.td}>
                <TransferProgress done={c.bytesDone} total={c.bytesTotal} label={`Transfer to ${c.clusterName}`} />
              </td>
              <td className={`${tableClasses.td} tabular-nums whitespace-nowrap`}>
                {c.origin === "import" ? "USB import" : formatBytes(c.bytesFetched)}
              </td>
              <td className={`${tableClasses.td} max-w-md text-xs ${c.state === "failed" ? "text-red-700" : "text-slate-600"}`}>{c.message || <span className="text-slate-400">—</span>}</td>
              <td className={`${tableClasses.td} whitespace-nowrap`}>{c.updatedAt ? <RelativeTime iso={c.updatedAt} /> : <span className="text-slate-400">not yet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
