"use client";

import type { SiteView } from "@outpost/cluster-core";
import { queryKeys } from "../query-keys";
import { DeleteDialog } from "../ui/delete-dialog";

/** Confirms deleting a site; the server refuses (409) while clusters still belong to it, and says so here. */
export function DeleteSiteDialog({ site, onClose }: { site: SiteView | null; onClose: () => void }) {
  return (
    <DeleteDialog
      path={site && `/api/v1/sites/${encodeURIComponent(site.id)}`}
      title={`Delete site ${site?.name ?? ""}?`}
      confirmLabel="Delete site"
      invalidates={queryKeys.sites.all()}
      onClose={onClose}
    >
      {site && site.clusterCount > 0 ? (
        <p>
          This site still has {site.clusterCount} {site.clusterCount === 1 ? "cluster" : "clusters"}. Delete or move them first.
        </p>
      ) : (
        <p>The site has no clusters. This cannot be undone.</p>
      )}
    </DeleteDialog>
  );
}
