import Link from "next/link";
import { formatBytes, type BundleView } from "@outpost/cluster-core";
import { RelativeTime } from "../ui/relative-time";
import { TableHead } from "../ui/table-head";
import { tableClasses } from "../ui/table-classes";

/** The bundles at the centre: what they carry, how big, and how many clusters hold them. */
export function BundleTable({ bundles }: { bundles: BundleView[] }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Bundles">
        <TableHead columns={["Bundle", "k3s", "Arch", "Files", "Size", "Clusters", "Uploaded"]} />
        <tbody className={tableClasses.body}>
          {bundles.map((b) => (
            <tr key={b.id} className="hover:bg-slate-50">
              <td className={tableClasses.td}>
                <Link href={`/bundles/${encodeURIComponent(b.id)}`} className="font-medium text-indigo-700 hover:underline">
                  {b.name} {b.version}
                </Link>
              </td>
              <td className={`${tableClasses.td} font-mono text-xs`}>{b.k3sVersion || <span className="text-slate-400">—</span>}</td>
              <td className={tableClasses.td}>{b.arch}</td>
              <td className={`${tableClasses.td} tabular-nums`}>{b.blobCount}</td>
              <td className={`${tableClasses.td} tabular-nums whitespace-nowrap`}>{formatBytes(b.totalBytes)}</td>
              <td className={`${tableClasses.td} tabular-nums`} title="installed / should hold it">
                {b.installedClusters} / {b.targetedClusters}
              </td>
              <td className={`${tableClasses.td} whitespace-nowrap`}>
                <RelativeTime iso={b.createdAt} /> <span className="text-slate-500">by {b.createdBy}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
