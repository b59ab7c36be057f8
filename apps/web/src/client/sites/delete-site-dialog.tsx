"use client";

import { useId, useState } from "react";
import type { SiteView } from "@outpost/cluster-core";
import { queryKeys } from "../query-keys";
import { DeleteDialog } from "../ui/delete-dialog";
import { inputClasses } from "../ui/input-classes";
import { SiteOptions } from "./site-options";

/**
 * Confirms deleting a site. A site with clusters is deleted by moving its clusters to another
 * site first (in the same transaction on the server), chosen here.
 */
export function DeleteSiteDialog({ site, sites, onClose }: { site: SiteView | null; sites: SiteView[]; onClose: () => void }) {
  const [moveTo, setMoveTo] = useState("");
  const selectId = useId();
  const others = sites.filter((s) => s.id !== site?.id);
  const hasClusters = !!site && site.clusterCount > 0;
  const path = site && `/api/v1/sites/${encodeURIComponent(site.id)}${hasClusters && moveTo ? `?moveClustersTo=${encodeURIComponent(moveTo)}` : ""}`;
  const close = () => {
    setMoveTo("");
    onClose();
  };
  const clusters = `${site?.clusterCount ?? 0} ${site?.clusterCount === 1 ? "cluster" : "clusters"}`;
  return (
    <DeleteDialog path={path} title={`Delete site ${site?.name ?? ""}?`} confirmLabel={hasClusters ? `Move ${clusters} and delete` : "Delete site"} invalidates={queryKeys.sites.all()} onClose={close} confirmDisabled={hasClusters && !moveTo}>
      {hasClusters ? (
        others.length === 0 ? (
          <p>
            This site still has {clusters}, and there is no other site to move them to. Create another site first, or delete the clusters.
          </p>
        ) : (
          <div className="space-y-3">
            <p>This site still has {clusters}. They move to the site you choose, then the site is deleted; their agents stay connected.</p>
            <div className="space-y-1">
              <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
                Move its clusters to
              </label>
              <select id={selectId} value={moveTo} onChange={(e) => setMoveTo(e.target.value)} className={inputClasses()}>
                <SiteOptions sites={others} prompt="Choose a site" />
              </select>
            </div>
          </div>
        )
      ) : (
        <p>The site has no clusters. This cannot be undone.</p>
      )}
    </DeleteDialog>
  );
}
