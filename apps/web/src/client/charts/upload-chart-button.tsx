"use client";

import { useRef } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChartDetail } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";

/** Picks a .tgz and uploads it; the server reads Chart.yaml and values.yaml and says what is wrong. */
export function UploadChartButton({ onUploaded }: { onUploaded?: (chart: ChartDetail) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return apiFetch<ChartDetail>("/api/v1/charts", { method: "POST", body: { archiveBase64: btoa(binary) } });
    },
    onSuccess: (chart) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.charts.all() });
      onUploaded?.(chart);
    },
  });
  return (
    <div className="flex flex-col items-end gap-2">
      <input
        ref={input}
        type="file"
        accept=".tgz,.tar.gz,application/gzip"
        className="sr-only"
        aria-label="Chart archive (.tgz)"
        data-testid="chart-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = "";
        }}
      />
      <Button variant="primary" onClick={() => input.current?.click()} disabled={upload.isPending}>
        {upload.isPending ? "Uploading…" : "Upload chart"}
      </Button>
      <ErrorAlert error={upload.error} />
    </div>
  );
}
