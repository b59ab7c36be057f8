import Link from "next/link";
import { buttonClasses } from "../ui/button-classes";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";

interface FleetEmptyStateProps {
  canOperate: boolean;
  hasSites: boolean;
  onAddCluster: () => void;
}

/** No clusters yet: what a cluster is here, and the next step (a site first, if there is none). */
export function FleetEmptyState({ canOperate, hasSites, onAddCluster }: FleetEmptyStateProps) {
  return (
    <EmptyState
      title="No clusters yet"
      actions={
        canOperate ? (
          hasSites ? (
            <Button variant="primary" onClick={onAddCluster}>
              Add cluster
            </Button>
          ) : (
            <Link href="/sites" className={buttonClasses("primary")}>
              Create a site
            </Link>
          )
        ) : undefined
      }
    >
      <p>
        A cluster is a k3s installation at one of your sites. It shows up here once its Outpost agent registers with a one-time command and
        reports its nodes and workloads.
      </p>
      {canOperate && !hasSites && <p className="mt-2 font-medium text-slate-800">Every cluster belongs to a site: create a site first.</p>}
      {!canOperate && <p className="mt-2">Ask an operator to add the first cluster.</p>}
    </EmptyState>
  );
}
