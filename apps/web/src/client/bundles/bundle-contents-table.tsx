import { formatBytes, type BundleBlobView } from "@outpost/cluster-core";
import { TableHead } from "../ui/table-head";
import { tableClasses } from "../ui/table-classes";

/** What a bundle places on a device, where, and how big each file is. */
export function BundleContentsTable({ blobs }: { blobs: BundleBlobView[] }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Bundle contents">
        <TableHead columns={["Path on the device", "Role", "Size", "sha256"]} />
        <tbody className={tableClasses.body}>
          {blobs.map((b) => (
            <tr key={b.target}>
              <td className={`${tableClasses.td} font-mono text-xs break-all`}>{b.target}</td>
              <td className={tableClasses.td}>{b.role}</td>
              <td className={`${tableClasses.td} tabular-nums whitespace-nowrap`}>{formatBytes(b.size)}</td>
              <td className={`${tableClasses.td} font-mono text-xs text-slate-500`} title={b.sha256}>
                {b.sha256.slice(0, 12)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
