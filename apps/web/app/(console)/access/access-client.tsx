"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { GrantView, GroupView } from "@outpost/cluster-core";
import { CreateGrantForm } from "@/src/client/access/create-grant-form";
import { CreateGroupForm } from "@/src/client/access/create-group-form";
import { describeGrantScope } from "@/src/client/access/describe-grant-scope";
import { GrantTable } from "@/src/client/access/grant-table";
import { GroupTable } from "@/src/client/access/group-table";
import { useGrants } from "@/src/client/access/use-grants";
import { useGroups } from "@/src/client/access/use-groups";
import { queryKeys } from "@/src/client/query-keys";
import { useSites } from "@/src/client/sites/use-sites";
import { useUsers } from "@/src/client/users/use-users";
import { Button } from "@/src/client/ui/button";
import { DeleteDialog } from "@/src/client/ui/delete-dialog";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { ModalDialog } from "@/src/client/ui/modal-dialog";
import { PageHeader } from "@/src/client/ui/page-header";

/** Grants (who may do what on which clusters) and groups (admins only; the page checks the role). */
export function AccessClient() {
  const queryClient = useQueryClient();
  const grants = useGrants();
  const groups = useGroups();
  const users = useUsers();
  const sites = useSites();
  const [granting, setGranting] = useState(false);
  const [creatingGroup, setCreatingGroup] = useState(false);
  const [revoking, setRevoking] = useState<GrantView | null>(null);
  const [deletingGroup, setDeletingGroup] = useState<GroupView | null>(null);
  const ready = users.data && groups.data && sites.data;

  return (
    <>
      <PageHeader
        title="Access"
        description="Who may do what on which clusters. A cluster outside someone's grants does not exist for them; on the clusters it reaches, Kubernetes RBAC decides (viewer → view, operator → edit, admin → cluster-admin)."
        actions={
          <Button variant="primary" onClick={() => setGranting(true)} disabled={!ready}>
            New grant
          </Button>
        }
      />
      {grants.isPending ? (
        <LoadingRows label="Loading grants…" />
      ) : grants.isError ? (
        <ErrorAlert error={grants.error} />
      ) : grants.data.length === 0 ? (
        <EmptyState title="No grants yet">Only admins reach clusters now. Grant a user or a group a role on a site, on clusters with certain labels, or on every cluster.</EmptyState>
      ) : (
        <GrantTable grants={grants.data} onRevoke={setRevoking} />
      )}

      <div className="mt-10 mb-4 flex items-center justify-between gap-4">
        <div>
          <h2 className="text-lg font-semibold text-slate-900">Groups</h2>
          <p className="text-sm text-slate-600">Grant a role to many people at once; clusters see each group as outpost:group:&lt;name&gt;.</p>
        </div>
        <Button onClick={() => setCreatingGroup(true)}>New group</Button>
      </div>
      {groups.isPending || users.isPending ? (
        <LoadingRows label="Loading groups…" />
      ) : groups.isError || users.isError ? (
        <ErrorAlert error={groups.error ?? users.error} />
      ) : groups.data.length === 0 ? (
        <EmptyState title="No groups yet">A group such as berlin-technicians lets you grant one role to everyone in it.</EmptyState>
      ) : (
        <GroupTable groups={groups.data} users={users.data} onDelete={setDeletingGroup} />
      )}

      <ModalDialog open={granting} onClose={() => setGranting(false)} title="New grant">
        {ready && <CreateGrantForm users={users.data} groups={groups.data} sites={sites.data} onDone={() => setGranting(false)} />}
      </ModalDialog>
      <ModalDialog open={creatingGroup} onClose={() => setCreatingGroup(false)} title="New group">
        <CreateGroupForm onDone={() => setCreatingGroup(false)} />
      </ModalDialog>
      <DeleteDialog
        path={revoking && `/api/v1/grants/${encodeURIComponent(revoking.id)}`}
        title="Revoke this grant?"
        confirmLabel="Revoke"
        invalidates={queryKeys.grants.list()}
        onClose={() => setRevoking(null)}
      >
        {revoking && (
          <p>
            {revoking.subject.kind === "group" ? `Members of group ${revoking.subject.name}` : revoking.subject.name} lose the {revoking.role} role on {describeGrantScope(revoking.scope)} at once, unless another grant gives it: open kubectl sessions and
            live views there close.
          </p>
        )}
      </DeleteDialog>
      <DeleteDialog
        path={deletingGroup && `/api/v1/groups/${encodeURIComponent(deletingGroup.id)}`}
        title={`Delete group ${deletingGroup?.name ?? ""}?`}
        confirmLabel="Delete group"
        invalidates={queryKeys.groups.list()}
        onClose={() => {
          setDeletingGroup(null);
          // The group's grants went with it.
          void queryClient.invalidateQueries({ queryKey: queryKeys.grants.list() });
        }}
      >
        <p>Its members leave it and its grants are revoked at once. The users themselves stay.</p>
      </DeleteDialog>
    </>
  );
}
