"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RolloutDetail, type RolloutStrategyInput, ZCreateRolloutRequest } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { useChart, useCharts } from "../charts/use-charts";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { StrategyFields } from "./strategy-fields";
import { TargetPreview } from "./target-preview";

/** Chart, values, target and strategy of a new rollout, checked with the server's schema first. */
export function NewRolloutForm({ initialChartId }: { initialChartId: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const charts = useCharts();
  const [chartId, setChartId] = useState(initialChartId ?? "");
  const chart = useChart(chartId || null);
  const [values, setValues] = useState<string | null>(null);
  const [selector, setSelector] = useState("");
  const [strategy, setStrategy] = useState<RolloutStrategyInput>({ canary: { mode: "count", count: 1 }, waveSize: { unit: "percent", value: 25 }, failureBudget: 0, betweenWaves: { mode: "pause", seconds: 0 } });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<RolloutDetail>("/api/v1/rollouts", { method: "POST", body }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rollouts.all() });
      router.push(`/rollouts/${r.id}`);
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });
  const shownValues = values ?? chart.data?.defaultValues ?? "";

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const helmTimeout = String(form.get("helmTimeoutSeconds") ?? "").trim();
    const parsed = ZCreateRolloutRequest.safeParse({
      chartId,
      releaseName: String(form.get("releaseName") ?? "").trim() || undefined,
      targetNamespace: String(form.get("targetNamespace") ?? "").trim(),
      createNamespace: form.get("createNamespace") === "on",
      valuesContent: shownValues,
      selector,
      strategy,
      failurePolicy: String(form.get("failurePolicy") ?? "reinstall"),
      helmTimeoutSeconds: helmTimeout ? Number(helmTimeout) : undefined,
    });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) create.mutate(parsed.data);
  }

  const selected = charts.data?.find((c) => c.id === chartId);
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-2">
      <div className="space-y-4">
        <FormField id="rollout-chart" label="Chart" error={errors.chartId} hint={selected ? `${selected.description || selected.name}${selected.appVersion ? ` · app ${selected.appVersion}` : ""}` : "Upload a chart or import one from a repository first"}>
          <select id="rollout-chart" value={chartId} onChange={(e) => (setChartId(e.target.value), setValues(null))} className={inputClasses(!!errors.chartId)}>
            <option value="">Choose a chart version…</option>
            {charts.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} {c.version} ({c.origin.kind === "upload" ? "uploaded" : c.origin.name})
              </option>
            ))}
          </select>
        </FormField>
        <div className="grid grid-cols-2 gap-3">
          <FormField id="rollout-release" label="Release name" error={errors.releaseName} hint="HelmChart name on each cluster">
            <input id="rollout-release" name="releaseName" placeholder={selected?.name ?? "same as the chart"} className={inputClasses(!!errors.releaseName)} autoComplete="off" spellCheck={false} />
          </FormField>
          <FormField id="rollout-namespace" label="Target namespace" error={errors.targetNamespace}>
            <input id="rollout-namespace" name="targetNamespace" key={selected?.name} defaultValue={selected?.name ?? ""} className={inputClasses(!!errors.targetNamespace)} autoComplete="off" spellCheck={false} />
          </FormField>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="createNamespace" defaultChecked /> Create the namespace when missing
        </label>
        <FormField id="rollout-values" label="Values (YAML)" error={errors.valuesContent} hint="Starts from the chart's values.yaml; checked before the rollout is saved">
          <textarea id="rollout-values" value={shownValues} onChange={(e) => setValues(e.target.value)} rows={14} spellCheck={false} className={`${inputClasses(!!errors.valuesContent)} font-mono text-xs`} />
        </FormField>
        <div className="grid grid-cols-2 gap-3">
          <FormField id="rollout-failure-policy" label="On a failed install">
            <select id="rollout-failure-policy" name="failurePolicy" className={inputClasses()}>
              <option value="reinstall">reinstall (helm-controller's default)</option>
              <option value="abort">abort and wait for an operator</option>
            </select>
          </FormField>
          <FormField id="rollout-helm-timeout" label="helm timeout (s)" error={errors.helmTimeoutSeconds} hint="Empty: helm's 300 s">
            <input id="rollout-helm-timeout" name="helmTimeoutSeconds" inputMode="numeric" className={inputClasses(!!errors.helmTimeoutSeconds)} />
          </FormField>
        </div>
      </div>
      <div className="space-y-4">
        <FormField id="rollout-selector" label="Clusters (label selector)" error={errors.selector} hint="e.g. env=prod,region in (eu-west,eu-north); empty selects every cluster">
          <input id="rollout-selector" value={selector} onChange={(e) => setSelector(e.target.value)} className={`${inputClasses(!!errors.selector)} font-mono`} autoComplete="off" spellCheck={false} />
        </FormField>
        <TargetPreview selector={selector} strategy={strategy} />
        <StrategyFields strategy={strategy} onChange={setStrategy} errors={errors} />
        <ErrorAlert error={create.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={() => router.push("/rollouts")}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending || !chartId}>
            {create.isPending ? "Starting…" : "Start rollout"}
          </Button>
        </div>
      </div>
    </form>
  );
}
