import Link from "next/link";
import type { DeviceView } from "@outpost/cluster-core";
import { JobStatusBadge } from "../jobs/job-status-badge";
import { TableHead } from "../ui/table-head";
import { tableClasses } from "../ui/table-classes";

/** Devices with their role, cluster, pinned host key and the state of their newest job. */
export function DeviceTable({ devices }: { devices: DeviceView[] }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Devices">
        <TableHead columns={["Device", "Address", "Role", "Site", "Host key", "Provisioning"]} />
        <tbody className={tableClasses.body}>
          {devices.map((d) => (
            <tr key={d.id} className="hover:bg-slate-50">
              <td className={`${tableClasses.td} font-medium`}>
                <Link href={`/devices/${d.id}`} className="text-indigo-700 hover:underline">
                  {d.name}
                </Link>
              </td>
              <td className={`${tableClasses.td} font-mono text-xs`}>
                {d.username}@{d.host}
                {d.port !== 22 ? `:${d.port}` : ""}
              </td>
              <td className={tableClasses.td}>
                {d.role === "server" ? "k3s server" : "k3s agent"}
                {d.clusterId ? (
                  <>
                    {" of "}
                    <Link href={`/clusters/${d.clusterId}`} className="text-indigo-700 hover:underline">
                      {d.clusterName ?? "its cluster"}
                    </Link>
                  </>
                ) : d.clusterName ? (
                  ` of ${d.clusterName}`
                ) : null}
              </td>
              <td className={tableClasses.td}>{d.siteName}</td>
              <td className={`${tableClasses.td} font-mono text-xs`} title={d.hostKey ? `${d.hostKey.type}, pinned ${d.hostKey.pinnedAt}` : undefined}>
                {d.hostKey ? `${d.hostKey.fingerprint.slice(0, 19)}…` : <span className="text-slate-400">not pinned yet</span>}
              </td>
              <td className={tableClasses.td}>{d.lastJob ? <JobStatusBadge status={d.lastJob.status} /> : <span className="text-slate-400">never</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
