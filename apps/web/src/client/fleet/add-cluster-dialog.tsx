"use client";

import { useState } from "react";
import type { RegistrationTokenCreated, SiteView } from "@outpost/cluster-core";
import { ModalDialog } from "../ui/modal-dialog";
import { AddClusterForm } from "./add-cluster-form";
import { RegistrationResult } from "./registration-result";

interface AddClusterDialogProps {
  open: boolean;
  onClose: () => void;
  sites: SiteView[];
}

/** "Add cluster": the form first, then the one-time command to run on the device. */
export function AddClusterDialog({ open, onClose, sites }: AddClusterDialogProps) {
  const [result, setResult] = useState<{ created: RegistrationTokenCreated; clusterName: string } | null>(null);
  const close = () => {
    setResult(null);
    onClose();
  };
  return (
    <ModalDialog
      open={open}
      onClose={close}
      wide
      title={result ? "Register the cluster" : "Add cluster"}
      description={result ? undefined : "Creates a single-use registration command for the agent on the device."}
    >
      {result ? (
        <RegistrationResult created={result.created} clusterName={result.clusterName} onDone={close} />
      ) : (
        <AddClusterForm sites={sites} onCancel={close} onCreated={(created, clusterName) => setResult({ created, clusterName })} />
      )}
    </ModalDialog>
  );
}
