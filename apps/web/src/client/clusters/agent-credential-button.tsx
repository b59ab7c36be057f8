"use client";

import { useState } from "react";
import { Button } from "../ui/button";
import { ModalDialog } from "../ui/modal-dialog";
import { AgentCredentialPanel } from "./agent-credential-panel";

/** "Agent credential": rotate or revoke the credential the cluster's agent connects with (operators). */
export function AgentCredentialButton({ id, name, connected }: { id: string; name: string; connected: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Agent credential</Button>
      <ModalDialog open={open} onClose={() => setOpen(false)} title={`Agent credential of ${name}`} description="The secret the device's agent proves itself with. It is never shown.">
        <AgentCredentialPanel id={id} name={name} connected={connected} />
      </ModalDialog>
    </>
  );
}
