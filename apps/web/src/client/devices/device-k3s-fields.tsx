import { K3S_PACKAGED_COMPONENTS } from "@outpost/cluster-core";
import { describedBy } from "../ui/described-by";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { TextField } from "./text-field";

/** k3s options written to /etc/rancher/k3s/config.yaml; server-only ones hidden for an agent. */
export function DeviceK3sFields({ errors, role }: { errors: Record<string, string>; role: "server" | "agent" }) {
  return (
    <details className="rounded-md border border-slate-200 px-3 py-2" open={Object.keys(errors).some((k) => k.startsWith("k3s."))}>
      <summary className="cursor-pointer text-sm font-medium text-slate-800">k3s options</summary>
      <div className="mt-3 space-y-4">
        {role === "server" && (
          <>
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Disable packaged components</legend>
              <div className="mt-1 flex flex-wrap gap-4 text-sm">
                {K3S_PACKAGED_COMPONENTS.filter((c) => c !== "coredns").map((c) => (
                  <label key={c} className="flex items-center gap-2">
                    <input type="checkbox" name="disable" value={c} /> {c}
                  </label>
                ))}
              </div>
            </fieldset>
            <TextField id="device-tls-san" name="tlsSan" label="Extra TLS names (tls-san)" error={errors["k3s.tlsSan"]} hint="Host names or IPs the API certificate should also cover, separated by spaces" mono />
            <TextField id="device-datastore" name="datastoreEndpoint" type="password" label="Datastore endpoint (HA)" error={errors["k3s.datastoreEndpoint"]} hint="e.g. postgres://user:pass@db:5432/k3s; stored encrypted. Empty: embedded SQLite" mono />
          </>
        )}
        <FormField id="device-node-labels" label="Node labels" error={errors["k3s.nodeLabels"]} hint="One key=value per line">
          <textarea id="device-node-labels" name="nodeLabels" rows={2} spellCheck={false} aria-describedby={describedBy("device-node-labels", errors["k3s.nodeLabels"], true)} className={`${inputClasses(!!errors["k3s.nodeLabels"])} font-mono`} />
        </FormField>
        <FormField id="device-node-taints" label="Node taints" error={errors["k3s.nodeTaints"]} hint="One key=value:Effect per line (NoSchedule, PreferNoSchedule, NoExecute)">
          <textarea id="device-node-taints" name="nodeTaints" rows={2} spellCheck={false} aria-describedby={describedBy("device-node-taints", errors["k3s.nodeTaints"], true)} className={`${inputClasses(!!errors["k3s.nodeTaints"])} font-mono`} />
        </FormField>
      </div>
    </details>
  );
}
