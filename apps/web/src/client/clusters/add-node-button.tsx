"use client";

import { useState } from "react";
import type { ClusterDetail, JoinTokenCreated } from "@outpost/cluster-core";
import { useBundles } from "../bundles/use-bundles";
import { AddDeviceForm } from "../devices/add-device-form";
import { JobPanel } from "../jobs/job-panel";
import { useSites } from "../sites/use-sites";
import { Button } from "../ui/button";
import { ModalDialog } from "../ui/modal-dialog";
import { RelativeTime } from "../ui/relative-time";
import { SecretBox } from "../ui/secret-box";
import { Tabs } from "../ui/tabs";
import { JoinCommandForm } from "./join-command-form";

/**
 * "Add node" on an online cluster: join a machine over SSH (the centre logs in and provisions it),
 * or hand out a one-line command the machine runs itself. Either way the dialog then follows the
 * join's job live until the node is Ready.
 */
export function AddNodeButton({ cluster }: { cluster: ClusterDetail }) {
  const [open, setOpen] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [command, setCommand] = useState<JoinTokenCreated | null>(null);
  const sites = useSites();
  const bundles = useBundles();
  const close = () => {
    setOpen(false);
    setJobId(null);
    setCommand(null);
  };
  const online = cluster.status === "online" || cluster.status === "degraded";
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!online} title={online ? undefined : "The cluster must be online: its agent hands out the join token"}>
        Add node
      </Button>
      <ModalDialog open={open} onClose={close} wide title={`Add a node to ${cluster.name}`} description="The new machine joins as a k3s agent; the token to join never reaches this browser.">
        {jobId ? (
          <div className="space-y-4">
            {command && (
              <>
                <SecretBox label="Join command" value={command.command} copyLabel="Copy command" />
                <p className="text-xs text-slate-500">
                  Run it as root on the new machine. It works once and expires <RelativeTime iso={command.expiresAt} />. Trust: {command.trust}.
                </p>
              </>
            )}
            <JobPanel id={jobId} canOperate />
            <div className="flex justify-end">
              <Button variant="primary" onClick={close}>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <Tabs
            label="How the node joins"
            items={[
              {
                id: "ssh",
                label: "Over SSH",
                panel: sites.isSuccess ? (
                  <AddDeviceForm sites={sites.data} clusters={[]} bundles={bundles.data ?? []} joinCluster={{ id: cluster.id, name: cluster.name, siteId: cluster.siteId }} onCancel={close} onCreated={(created) => setJobId(created.job?.id ?? null)} />
                ) : null,
              },
              {
                id: "command",
                label: "Run a command",
                panel: (
                  <JoinCommandForm
                    clusterId={cluster.id}
                    onCancel={close}
                    onCreated={(created) => {
                      setCommand(created);
                      setJobId(created.jobId);
                    }}
                  />
                ),
              },
            ]}
          />
        )}
      </ModalDialog>
    </>
  );
}
