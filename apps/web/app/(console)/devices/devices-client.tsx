"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { AddDeviceForm } from "@/src/client/devices/add-device-form";
import { DeviceTable } from "@/src/client/devices/device-table";
import { useDevices } from "@/src/client/devices/use-devices";
import { useBundles } from "@/src/client/bundles/use-bundles";
import { useClusterList } from "@/src/client/fleet/use-cluster-list";
import { useSites } from "@/src/client/sites/use-sites";
import { Button } from "@/src/client/ui/button";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { ModalDialog } from "@/src/client/ui/modal-dialog";
import { PageHeader } from "@/src/client/ui/page-header";

/** Machines Outpost provisions over SSH; operators add one and watch its job. */
export function DevicesClient({ canOperate }: { canOperate: boolean }) {
  const router = useRouter();
  const devices = useDevices();
  const sites = useSites();
  const clusters = useClusterList({ selector: "", search: "" });
  const bundles = useBundles();
  const [adding, setAdding] = useState(false);
  const noSites = sites.isSuccess && sites.data.length === 0;
  const add = canOperate ? (
    <Button variant="primary" onClick={() => setAdding(true)} disabled={!sites.isSuccess || noSites} title={noSites ? "Create a site first" : undefined}>
      Add device
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader title="Devices" description="Bare Linux boxes Outpost turns into k3s servers or nodes over SSH: air-gapped, with a live log of every step." actions={add} />
      {devices.isPending ? (
        <LoadingRows label="Loading devices…" />
      ) : devices.isError ? (
        <ErrorAlert error={devices.error} />
      ) : devices.data.length === 0 ? (
        <EmptyState title="No devices yet" actions={add}>
          Point Outpost at a machine it can reach over SSH — as root or a user with passwordless sudo — and it installs k3s from a bundle, starts the agent and
          registers the new cluster. {noSites && "Create a site first: every device belongs to one."}
          {!canOperate && " Ask an operator to add one."}
        </EmptyState>
      ) : (
        <DeviceTable devices={devices.data} />
      )}
      {canOperate && sites.isSuccess && (
        <ModalDialog open={adding} onClose={() => setAdding(false)} wide title="Add device" description="The centre logs in over SSH, pins the host key it sees first, and provisions k3s.">
          <AddDeviceForm
            sites={sites.data}
            clusters={(clusters.data ?? []).filter((c) => !c.simulated)}
            bundles={bundles.data ?? []}
            onCancel={() => setAdding(false)}
            onCreated={(created) => {
              setAdding(false);
              router.push(`/devices/${created.device.id}`);
            }}
          />
        </ModalDialog>
      )}
    </>
  );
}
