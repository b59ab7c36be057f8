"use client";

import { useCallback, useId } from "react";
import type { AuditPage, AuditQuery } from "@outpost/cluster-core";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { useDebouncedField } from "../use-debounced-field";

const TARGET_TYPES = ["cluster", "site", "user", "api-token", "registration-token", "bundle", "alert-rule", "alert-channel"];

interface AuditFilterBarProps {
  query: AuditQuery;
  onChange: (patch: Partial<AuditQuery>) => void;
  lists: Pick<AuditPage, "actions" | "actors"> | undefined;
}

/** `<input type="date">` value (YYYY-MM-DD, the browser's day) ↔ the API's ISO instant. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const dayEnd = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined);
const toDay = (iso: string | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** Free text, actor, action, target type and a day range; text applies as you type. */
export function AuditFilterBar({ query, onChange, lists }: AuditFilterBarProps) {
  const id = useId();
  const [q, setQ] = useDebouncedField(query.q, useCallback((v: string) => onChange({ q: v }), [onChange]));
  const families = [...new Set((lists?.actions ?? []).map((a) => `${a.split(".")[0]}.`))];
  return (
    <form role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()} className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-2 lg:grid-cols-6">
      <div className="sm:col-span-2">
        <FormField id={`${id}-q`} label="Search">
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, id or detail" autoComplete="off" className={inputClasses()} />
        </FormField>
      </div>
      <FormField id={`${id}-actor`} label="Actor">
        <select id={`${id}-actor`} value={query.actor} onChange={(e) => onChange({ actor: e.target.value })} className={inputClasses()}>
          <option value="">Anyone</option>
          {(lists?.actors ?? []).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={`${id}-action`} label="Action">
        <select id={`${id}-action`} value={query.action} onChange={(e) => onChange({ action: e.target.value })} className={inputClasses()}>
          <option value="">Any action</option>
          {families.map((f) => (
            <optgroup key={f} label={`${f.slice(0, -1)}`}>
              <option value={f}>every {f.slice(0, -1)} action</option>
              {(lists?.actions ?? [])
                .filter((a) => a.startsWith(f))
                .map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </FormField>
      <FormField id={`${id}-type`} label="Target">
        <select id={`${id}-type`} value={query.targetType} onChange={(e) => onChange({ targetType: e.target.value })} className={inputClasses()}>
          <option value="">Any target</option>
          {TARGET_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </FormField>
      <div className="grid grid-cols-2 gap-2">
        <FormField id={`${id}-from`} label="From">
          <input id={`${id}-from`} type="date" value={toDay(query.from)} onChange={(e) => onChange({ from: dayStart(e.target.value) })} className={inputClasses()} />
        </FormField>
        <FormField id={`${id}-to`} label="To">
          <input id={`${id}-to`} type="date" value={toDay(query.to)} onChange={(e) => onChange({ to: dayEnd(e.target.value) })} className={inputClasses()} />
        </FormField>
      </div>
    </form>
  );
}
