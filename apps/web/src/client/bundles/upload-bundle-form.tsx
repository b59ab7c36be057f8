"use client";

import { useRef, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import {
  BUNDLE_BLOB_ROLES,
  ZBundleBlobRole,
  ZBundleManifest,
  checkBundleTarget,
  defaultBundleTarget,
  formatBytes,
  type BundleBlobRole,
  type BundleDetail,
  type ComposeBundleRequest,
} from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { tableClasses } from "../ui/table-classes";
import { guessBlobRole } from "./guess-blob-role";
import { uploadBlob } from "./upload-blob";

interface Entry {
  file: File;
  role: BundleBlobRole;
  target: string;
  sent: number;
}

const FIELDS = { name: ZBundleManifest.shape.name, version: ZBundleManifest.shape.version, k3sVersion: ZBundleManifest.shape.k3sVersion };

/**
 * The upload page: files from this computer (k3s binary, image tarballs, charts, manifests),
 * each with its role and place on the device. Files stream to the centre one by one with
 * progress; the centre then writes and signs the manifest.
 */
export function UploadBundleForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const addFiles = (files: FileList | null) => {
    const added = [...(files ?? [])].map((file) => {
      const role = guessBlobRole(file.name);
      return { file, role, target: defaultBundleTarget(role, file.name), sent: 0 };
    });
    setEntries((list) => [...list, ...added]);
    if (input.current) input.current.value = "";
  };
  const change = (i: number, patch: Partial<Entry>) => setEntries((list) => list.map((e, j) => (j === i ? { ...e, ...patch } : e)));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const values = { name: String(form.get("name") ?? "").trim(), version: String(form.get("version") ?? "").trim(), k3sVersion: String(form.get("k3sVersion") ?? "").trim(), arch: String(form.get("arch")) };
    const errs: Record<string, string> = {};
    for (const [key, schema] of Object.entries(FIELDS)) {
      const r = schema.safeParse(values[key as keyof typeof FIELDS]);
      if (!r.success) errs[key] = r.error.issues[0]?.message ?? "invalid";
    }
    if (entries.length === 0) errs.files = "add at least one file";
    entries.forEach((entry, i) => {
      const refused = checkBundleTarget(entry.role, entry.target);
      if (refused) errs[`target-${i}`] = refused;
    });
    setErrors(errs);
    setFailure(null);
    if (Object.keys(errs).length > 0) return;
    try {
      const blobs: ComposeBundleRequest["blobs"] = [];
      for (const [i, entry] of entries.entries()) {
        setBusy(`Uploading ${entry.file.name} (${i + 1} of ${entries.length})…`);
        const stored = await uploadBlob(entry.file, (sent) => change(i, { sent }));
        change(i, { sent: entry.file.size });
        blobs.push({ sha256: stored.sha256, role: entry.role, target: entry.target });
      }
      setBusy("Checking and signing the bundle…");
      const detail = await apiFetch<BundleDetail>("/api/v1/bundles/compose", { method: "POST", body: { ...values, blobs } satisfies ComposeBundleRequest });
      void queryClient.invalidateQueries({ queryKey: queryKeys.bundles.all() });
      router.push(`/bundles/${encodeURIComponent(detail.id)}`);
    } catch (err) {
      setFailure(err);
      setBusy(null);
    }
  }

  const field = (id: string, name: string) => ({ id, name, "aria-invalid": !!errors[name], className: inputClasses(!!errors[name]), autoComplete: "off", spellCheck: false });
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-4">
        <FormField id="bundle-name" label="Name" error={errors.name} hint="e.g. shop-base">
          <input {...field("bundle-name", "name")} />
        </FormField>
        <FormField id="bundle-version" label="Version" error={errors.version} hint="e.g. 2026.12.1">
          <input {...field("bundle-version", "version")} />
        </FormField>
        <FormField id="bundle-k3s-version" label="k3s version" error={errors.k3sVersion} hint="optional, e.g. v1.36.3+k3s1">
          <input {...field("bundle-k3s-version", "k3sVersion")} />
        </FormField>
        <FormField id="bundle-arch" label="Architecture">
          <select id="bundle-arch" name="arch" className={inputClasses()} defaultValue="amd64">
            <option value="amd64">amd64</option>
            <option value="arm64">arm64</option>
            <option value="arm">arm</option>
          </select>
        </FormField>
      </div>

      <div className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-base font-semibold text-slate-900">Files</h2>
          <label className="cursor-pointer rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
            Add files…
            <input ref={input} type="file" multiple className="sr-only" aria-label="Add files" onChange={(e) => addFiles(e.target.files)} />
          </label>
        </div>
        {errors.files && <p className="text-sm text-red-700">{errors.files}</p>}
        {entries.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
            Add the k3s binary, air-gap image tarballs, Helm charts (.tgz) or manifests. Each goes where k3s looks for it; you can change the path.
          </p>
        ) : (
          <div className={tableClasses.wrapper}>
            <table className={tableClasses.table} aria-label="Files to upload">
              <thead className={tableClasses.head}>
                <tr>
                  {["File", "Role", "Path on the device", "Uploaded", ""].map((h) => (
                    <th key={h} scope="col" className={tableClasses.th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className={tableClasses.body}>
                {entries.map((entry, i) => (
                  <tr key={`${entry.file.name}-${i}`}>
                    <td className={`${tableClasses.td} whitespace-nowrap`}>
                      {entry.file.name} <span className="text-xs text-slate-500">{formatBytes(entry.file.size)}</span>
                    </td>
                    <td className={tableClasses.td}>
                      <select aria-label={`Role of ${entry.file.name}`} value={entry.role} className={inputClasses()} onChange={(e) => {
                        const role = ZBundleBlobRole.parse(e.target.value);
                        change(i, { role, target: defaultBundleTarget(role, entry.file.name) });
                      }}>
                        {BUNDLE_BLOB_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className={`${tableClasses.td} w-1/2`}>
                      <input aria-label={`Path of ${entry.file.name} on the device`} value={entry.target} onChange={(e) => change(i, { target: e.target.value })} className={`${inputClasses(!!errors[`target-${i}`])} font-mono text-xs`} spellCheck={false} />
                      {errors[`target-${i}`] && <p className="mt-1 text-xs text-red-700">{errors[`target-${i}`]}</p>}
                    </td>
                    <td className={`${tableClasses.td} tabular-nums text-xs`}>{Math.floor((entry.sent / Math.max(entry.file.size, 1)) * 100)} %</td>
                    <td className={tableClasses.td}>
                      <Button size="sm" variant="ghost" disabled={busy !== null} onClick={() => setEntries((list) => list.filter((_, j) => j !== i))} aria-label={`Remove ${entry.file.name}`}>
                        Remove
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <ErrorAlert error={failure} />
      <div className="flex items-center justify-end gap-3">
        {busy && <span role="status" className="text-sm text-slate-600">{busy}</span>}
        <Button onClick={() => router.push("/bundles")} disabled={busy !== null}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={busy !== null}>
          Upload and sign
        </Button>
      </div>
    </form>
  );
}
