"use client";

import { useState } from "react";
import { ModalDialog } from "../ui/modal-dialog";
import { CreateTokenForm } from "./create-token-form";
import { CreatedToken } from "./created-token";

/** "New token": the form, then the secret shown once. */
export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [token, setToken] = useState<string | null>(null);
  const close = () => {
    setToken(null);
    onClose();
  };
  return (
    <ModalDialog open={open} onClose={close} wide={token !== null} title={token ? "Your new API token" : "New API token"} description={token ? undefined : "Tokens act with your role. Send them as a Bearer token."}>
      {token ? <CreatedToken token={token} onDone={close} /> : <CreateTokenForm onCreated={setToken} onCancel={close} />}
    </ModalDialog>
  );
}
