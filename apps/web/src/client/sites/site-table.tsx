import Link from "next/link";
import type { SiteView } from "@outpost/cluster-core";
import { Button } from "../ui/button";
import { LabelChips } from "../ui/label-chips";
import { tableClasses } from "../ui/table-classes";

interface SiteTableProps {
  sites: SiteView[];
  /** Edit and delete buttons only for operators and admins. */
  canOperate: boolean;
  onEdit: (site: SiteView) => void;
  onDelete: (site: SiteView) => void;
  /** Maintenance windows (rollouts) of a site. */
  onEditWindows?: (site: SiteView) => void;
}

/** The sites, with their cluster counts linking to the fleet view. */
export function SiteTable({ sites, canOperate, onEdit, onDelete, onEditWindows }: SiteTableProps) {
  const headers = ["Name", "Time zone", "Location", "Labels", "Bundle transfers", "Clusters"];
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Sites">
        <thead className={tableClasses.head}>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={tableClasses.th}>
                {h}
              </th>
            ))}
            {canOperate && (
              <th scope="col" className={tableClasses.th}>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className={tableClasses.body}>
          {sites.map((s) => (
            <tr key={s.id} className="hover:bg-slate-50">
              <td className={`${tableClasses.td} font-medium text-slate-900`}>{s.name}</td>
              <td className={tableClasses.td}>{s.timeZone}</td>
              <td className={tableClasses.td}>{s.location || <span className="text-slate-500">—</span>}</td>
              <td className={tableClasses.td}>
                <LabelChips labels={s.labels} />
              </td>
              <td className={`${tableClasses.td} text-xs whitespace-nowrap`}>
                {s.bandwidthCapBytesPerSec || s.transferWindow ? (
                  [s.bandwidthCapBytesPerSec ? `≤ ${s.bandwidthCapBytesPerSec / 1_000_000} MB/s` : null, s.transferWindow].filter(Boolean).join(", ")
                ) : (
                  <span className="text-slate-500">any time, uncapped</span>
                )}
              </td>
              <td className={`${tableClasses.td} tabular-nums`}>
                {s.clusterCount > 0 ? (
                  <Link href={`/?search=${encodeURIComponent(s.name)}`} className="text-indigo-700 hover:underline">
                    {s.clusterCount}
                  </Link>
                ) : (
                  <span className="text-slate-500">0</span>
                )}
              </td>
              {canOperate && (
                <td className={`${tableClasses.td} text-right whitespace-nowrap`}>
                  <div className="flex justify-end gap-2">
                    <Button size="sm" onClick={() => onEdit(s)} aria-label={`Edit site ${s.name}`}>
                      Edit
                    </Button>
                    {onEditWindows && (
                      <Button size="sm" onClick={() => onEditWindows(s)} aria-label={`Maintenance windows of ${s.name}`}>
                        Windows
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => onDelete(s)} aria-label={`Delete site ${s.name}`}>
                      Delete
                    </Button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
