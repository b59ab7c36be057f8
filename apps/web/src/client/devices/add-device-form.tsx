"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { BundleView, ClusterSummary, DeviceCreated, SiteView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { queryKeys } from "../query-keys";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { DeviceK3sFields } from "./device-k3s-fields";
import { DeviceLoginFields } from "./device-login-fields";
import { readDeviceForm, type DeviceFormValues } from "./read-device-form";
import { TextField } from "./text-field";

interface AddDeviceFormProps {
  sites: SiteView[];
  /** Clusters a device may join (real, not simulated). */
  clusters: ClusterSummary[];
  /** Bundles at the centre to provision from. */
  bundles: BundleView[];
  /** "Add node" on a cluster: the device joins this one, no choice shown. */
  joinCluster?: { id: string; name: string; siteId: string };
  onCreated: (created: DeviceCreated) => void;
  onCancel: () => void;
}

/** A device to provision over SSH: where it is, how to log in, what it becomes, k3s options. */
export function AddDeviceForm({ sites, clusters, bundles, joinCluster, onCreated, onCancel }: AddDeviceFormProps) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [role, setRole] = useState<"server" | "agent">(joinCluster ? "agent" : "server");
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<DeviceCreated>("/api/v1/devices", { method: "POST", body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.devices.all() }),
    onError: (err) => {
      if (err instanceof ApiError) setErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values: DeviceFormValues = {};
    for (const key of new Set(form.keys())) {
      const all = form.getAll(key).map(String);
      values[key] = key === "disable" ? all : (all[0] ?? "");
    }
    if (joinCluster) Object.assign(values, { role: "agent", clusterId: joinCluster.id, siteId: values.siteId || joinCluster.siteId });
    const result = readDeviceForm(values);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) create.mutate(result.body, { onSuccess: onCreated });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Add device">
      <div className="grid gap-4 sm:grid-cols-[1fr_6rem]">
        <TextField id="device-host" name="host" label="Host" error={errors.host} hint="IP address or host name the centre reaches over SSH" mono autoFocus />
        <TextField id="device-port" name="port" label="SSH port" defaultValue="22" inputMode="numeric" error={errors.port} mono />
      </div>
      <TextField id="device-name" name="name" label="Device name" error={errors.name} hint="Lower-case letters, digits and '-', e.g. store-042-till" mono />
      <DeviceLoginFields errors={errors} idPrefix="device" />
      <FormField id="device-site" label="Site" error={errors.siteId}>
        <select id="device-site" name="siteId" defaultValue={joinCluster?.siteId ?? sites[0]?.id} aria-describedby={describedBy("device-site", errors.siteId)} className={inputClasses(!!errors.siteId)}>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </FormField>
      {!joinCluster && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">Role</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="role" value="server" checked={role === "server"} onChange={() => setRole("server")} /> New k3s server (a new cluster)
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="role" value="agent" checked={role === "agent"} onChange={() => setRole("agent")} disabled={clusters.length === 0} /> Join a
            cluster as an agent node
          </label>
          {role === "server" ? (
            <TextField id="device-cluster-name" name="clusterName" label="Cluster name" error={errors["target.clusterName"]} hint="The cluster this server starts, e.g. store-042" mono />
          ) : (
            <FormField id="device-cluster" label="Cluster to join" error={errors["target.clusterId"]}>
              <select id="device-cluster" name="clusterId" aria-describedby={describedBy("device-cluster", errors["target.clusterId"])} className={inputClasses(!!errors["target.clusterId"])}>
                {clusters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.status})
                  </option>
                ))}
              </select>
            </FormField>
          )}
        </fieldset>
      )}
      <FormField id="device-labels" label="Labels" error={errors.labels} hint="One key=value per line (for your own records)">
        <textarea id="device-labels" name="labels" rows={2} spellCheck={false} aria-describedby={describedBy("device-labels", errors.labels, true)} className={`${inputClasses(!!errors.labels)} font-mono`} />
      </FormField>
      <FormField id="device-bundle" label="Bundle" error={errors.bundleId} hint="What the device is installed from (air-gapped)">
        <select id="device-bundle" name="bundleId" defaultValue="" aria-describedby={describedBy("device-bundle", errors.bundleId, true)} className={inputClasses(!!errors.bundleId)}>
          <option value="">{role === "agent" ? "The cluster's own (else the newest for the device's architecture)" : "The newest for the device's architecture"}</option>
          {bundles.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} {b.version} ({b.arch}, k3s {b.k3sVersion})
            </option>
          ))}
        </select>
      </FormField>
      <DeviceK3sFields errors={errors} role={role} />
      {errors[""] && <ErrorAlert error={errors[""]} />}
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onCancel} pending={create.isPending} label={joinCluster ? "Join over SSH" : "Add and provision"} pendingLabel="Starting…" />
    </form>
  );
}
