"use client";

import { useState } from "react";
import type { SiteView } from "@outpost/cluster-core";
import { DeleteSiteDialog } from "@/src/client/sites/delete-site-dialog";
import { SiteForm } from "@/src/client/sites/site-form";
import { SiteTable } from "@/src/client/sites/site-table";
import { MaintenanceWindowsForm } from "@/src/client/sites/maintenance-windows-form";
import { useSites } from "@/src/client/sites/use-sites";
import { Button } from "@/src/client/ui/button";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { ModalDialog } from "@/src/client/ui/modal-dialog";
import { PageHeader } from "@/src/client/ui/page-header";

type Editing = { mode: "create" } | { mode: "edit"; site: SiteView } | null;

/** Sites: list for everyone; create, edit and delete for operators. */
export function SitesClient({ canOperate }: { canOperate: boolean }) {
  const sites = useSites();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<SiteView | null>(null);
  const [windows, setWindows] = useState<SiteView | null>(null);
  const newSite = canOperate ? (
    <Button variant="primary" onClick={() => setEditing({ mode: "create" })}>
      New site
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader title="Sites" description="Places where clusters run: shops, factories, trains. Each has its own time zone." actions={newSite} />
      {sites.isPending ? (
        <LoadingRows label="Loading sites…" />
      ) : sites.isError ? (
        <ErrorAlert error={sites.error} />
      ) : sites.data.length === 0 ? (
        <EmptyState title="No sites yet" actions={newSite}>
          A site groups the clusters at one place and sets the time zone of their maintenance windows.
          {!canOperate && " Ask an operator to create one."}
        </EmptyState>
      ) : (
        <SiteTable sites={sites.data} canOperate={canOperate} onEdit={(site) => setEditing({ mode: "edit", site })} onDelete={setDeleting} onEditWindows={setWindows} />
      )}
      {canOperate && (
        <>
          <ModalDialog open={editing !== null} onClose={() => setEditing(null)} title={editing?.mode === "edit" ? `Edit site ${editing.site.name}` : "New site"}>
            {editing && <SiteForm site={editing.mode === "edit" ? editing.site : undefined} onDone={() => setEditing(null)} />}
          </ModalDialog>
          <DeleteSiteDialog site={deleting} sites={sites.data ?? []} onClose={() => setDeleting(null)} />
          <ModalDialog open={windows !== null} onClose={() => setWindows(null)} title={`Maintenance windows of ${windows?.name ?? ""}`} description="Rollouts change this site's clusters only inside these windows, on the site's wall clock.">
            {windows && <MaintenanceWindowsForm site={windows} onDone={() => setWindows(null)} />}
          </ModalDialog>
        </>
      )}
    </>
  );
}
