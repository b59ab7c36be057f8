"use client";

import { useState, type FormEvent } from "react";
import { ZUpdateDeviceRequest, type DeviceView } from "@outpost/cluster-core";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { DeviceLoginFields } from "./device-login-fields";
import { TextField } from "./text-field";
import type { useDeviceActions } from "./use-device-actions";

/** New address or credentials for a device (e.g. after a wrong key); retry the failed step afterwards. */
export function ChangeLoginForm({ device, update, onDone }: { device: DeviceView; update: ReturnType<typeof useDeviceActions>["update"]; onDone: () => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "").trim();
    const method = get("authMethod") === "password" ? "password" : "key";
    const body = {
      host: get("host"),
      port: Number(get("port") || "22"),
      username: get("username"),
      auth: method === "key" ? { method, privateKey: String(f.get("privateKey") ?? ""), ...(get("passphrase") ? { passphrase: get("passphrase") } : {}) } : { method, password: String(f.get("password") ?? "") },
    };
    const parsed = ZUpdateDeviceRequest.safeParse(body);
    const errs: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) errs[i.path.slice(0, 2).map(String).join(".")] ??= i.message;
    setErrors(errs);
    if (parsed.success) update.mutate(parsed.data, { onSuccess: onDone });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change login">
      <div className="grid gap-4 sm:grid-cols-[1fr_6rem]">
        <TextField id="login-host" name="host" label="Host" defaultValue={device.host} error={errors.host} mono />
        <TextField id="login-port" name="port" label="SSH port" defaultValue={String(device.port)} error={errors.port} mono />
      </div>
      <DeviceLoginFields errors={errors} idPrefix="login" defaultUser={device.username} />
      <ErrorAlert error={update.error} />
      <FormActions onCancel={onDone} pending={update.isPending} label="Save login" pendingLabel="Saving…" />
    </form>
  );
}
