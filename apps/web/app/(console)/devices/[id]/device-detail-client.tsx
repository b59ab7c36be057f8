"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { DeviceView } from "@outpost/cluster-core";
import { ChangeLoginForm } from "@/src/client/devices/change-login-form";
import { DeviceFacts } from "@/src/client/devices/device-facts";
import { useDevice } from "@/src/client/devices/use-device";
import { useDeviceActions } from "@/src/client/devices/use-device-actions";
import { JobPanel } from "@/src/client/jobs/job-panel";
import { Button } from "@/src/client/ui/button";
import { ConfirmDialog } from "@/src/client/ui/confirm-dialog";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { ModalDialog } from "@/src/client/ui/modal-dialog";

type Dialog = "login" | "forget" | "delete" | null;

/** One device: its facts, its newest provisioning job live, and the operator's actions. */
export function DeviceDetailClient({ id, initialData, canOperate }: { id: string; initialData: DeviceView; canOperate: boolean }) {
  const router = useRouter();
  const query = useDevice(id, initialData);
  const actions = useDeviceActions(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const device = query.data;
  const busy = device.lastJob?.status === "running" || device.lastJob?.status === "queued";

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/devices" className="hover:text-slate-700">
          Devices
        </Link>
      </nav>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{device.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {device.role === "server" ? "k3s server of " : "k3s agent of "}
            {device.clusterId ? (
              <Link href={`/clusters/${device.clusterId}`} className="text-indigo-700 hover:underline">
                {device.clusterName ?? "its cluster"}
              </Link>
            ) : (
              (device.clusterName ?? "its cluster")
            )}
          </p>
        </div>
        {canOperate && (
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={busy || actions.provision.isPending} onClick={() => actions.provision.mutate()}>
              Provision again
            </Button>
            <Button disabled={busy} onClick={() => setDialog("login")}>
              Change login
            </Button>
            {device.hostKey && <Button onClick={() => setDialog("forget")}>Forget host key</Button>}
            <Button variant="ghost" className="text-red-700 hover:bg-red-50" disabled={busy} onClick={() => setDialog("delete")}>
              Delete
            </Button>
          </div>
        )}
      </div>
      <ErrorAlert className="mb-4" error={actions.provision.error ?? query.error} />
      <DeviceFacts device={device} />
      <div className="mt-6">
        {device.lastJob ? (
          <JobPanel key={device.lastJob.id} id={device.lastJob.id} canOperate={canOperate} />
        ) : (
          <EmptyState title="Not provisioned yet">{canOperate ? "Provision it to install k3s and join it to its cluster." : "An operator can provision it."}</EmptyState>
        )}
      </div>
      {canOperate && (
        <>
          <ModalDialog open={dialog === "login"} onClose={() => setDialog(null)} wide title="Change login" description="Retry the failed step afterwards; the pinned host key stays.">
            <ChangeLoginForm device={device} update={actions.update} onDone={() => setDialog(null)} />
          </ModalDialog>
          <ConfirmDialog
            open={dialog === "forget"}
            onClose={() => setDialog(null)}
            title="Forget the pinned host key?"
            confirmLabel="Forget host key"
            pending={actions.forgetHostKey.isPending}
            error={actions.forgetHostKey.error}
            onConfirm={() => actions.forgetHostKey.mutate(undefined, { onSuccess: () => setDialog(null) })}
          >
            Only if you know why the key changed (the device was reinstalled). The next connection trusts whatever key the device presents and pins it.
            Pinned now: <span className="font-mono break-all">{device.hostKey?.fingerprint}</span>
          </ConfirmDialog>
          <ConfirmDialog
            open={dialog === "delete"}
            onClose={() => setDialog(null)}
            title={`Delete device ${device.name}?`}
            confirmLabel="Delete device"
            typeToConfirm={device.name}
            pending={actions.remove.isPending}
            error={actions.remove.error}
            onConfirm={() => actions.remove.mutate(undefined, { onSuccess: () => router.push("/devices") })}
          >
            Outpost forgets the device and its stored credentials. Nothing changes on the machine: k3s and the agent keep running there.
          </ConfirmDialog>
        </>
      )}
    </>
  );
}
