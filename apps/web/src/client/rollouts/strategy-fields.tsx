"use client";

import type { RolloutStrategyInput } from "@outpost/cluster-core";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

const num = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** Canary, wave size, failure budget, pause or approval between waves, health timeout, windows. */
export function StrategyFields({ strategy, onChange, errors }: { strategy: RolloutStrategyInput; onChange: (s: RolloutStrategyInput) => void; errors: Record<string, string> }) {
  const canaryCount = strategy.canary?.mode === "count" ? strategy.canary.count : 0;
  const wave = strategy.waveSize ?? { unit: "percent", value: 25 };
  const between = strategy.betweenWaves ?? { mode: "pause", seconds: 0 };
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">Strategy</legend>
      {errors.strategy && <p className="text-xs text-red-700">{errors.strategy}</p>}
      <div className="grid grid-cols-2 gap-3">
        <FormField id="strategy-canary" label="Canary clusters" hint="0: no canary; any canary failure halts">
          <input id="strategy-canary" type="number" min={0} max={50} value={canaryCount} onChange={(e) => onChange({ ...strategy, canary: num(e.target.value) > 0 ? { mode: "count", count: num(e.target.value) } : { mode: "none" } })} className={inputClasses()} />
        </FormField>
        <FormField id="strategy-wave" label="Each wave" hint="clusters, or % of those after the canary (rounded up)">
          <div className="flex gap-2">
            <input id="strategy-wave" type="number" min={1} value={wave.value} onChange={(e) => onChange({ ...strategy, waveSize: { ...wave, value: num(e.target.value) } })} className={inputClasses()} />
            <select aria-label="Wave size unit" value={wave.unit} onChange={(e) => onChange({ ...strategy, waveSize: { ...wave, unit: e.target.value as "clusters" | "percent" } })} className={inputClasses()}>
              <option value="percent">%</option>
              <option value="clusters">clusters</option>
            </select>
          </div>
        </FormField>
        <FormField id="strategy-budget" label="Failure budget" hint="Failed clusters after the canary before it halts">
          <input id="strategy-budget" type="number" min={0} value={strategy.failureBudget ?? 0} onChange={(e) => onChange({ ...strategy, failureBudget: num(e.target.value) })} className={inputClasses()} />
        </FormField>
        <FormField id="strategy-timeout" label="Health timeout (s)" hint="From dispatch to Job done and workloads Ready">
          <input id="strategy-timeout" type="number" min={10} value={strategy.healthTimeoutSeconds ?? 600} onChange={(e) => onChange({ ...strategy, healthTimeoutSeconds: num(e.target.value) })} className={inputClasses()} />
        </FormField>
        <FormField id="strategy-between" label="Between waves">
          <select id="strategy-between" value={between.mode} onChange={(e) => onChange({ ...strategy, betweenWaves: e.target.value === "approval" ? { mode: "approval" } : { mode: "pause", seconds: 0 } })} className={inputClasses()}>
            <option value="pause">continue after a pause</option>
            <option value="approval">wait for approval</option>
          </select>
        </FormField>
        {between.mode === "pause" && (
          <FormField id="strategy-pause" label="Pause (s)">
            <input id="strategy-pause" type="number" min={0} value={between.seconds} onChange={(e) => onChange({ ...strategy, betweenWaves: { mode: "pause", seconds: num(e.target.value) } })} className={inputClasses()} />
          </FormField>
        )}
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={strategy.respectMaintenanceWindows ?? true} onChange={(e) => onChange({ ...strategy, respectMaintenanceWindows: e.target.checked })} /> Wait for each site&apos;s maintenance window
      </label>
    </fieldset>
  );
}
