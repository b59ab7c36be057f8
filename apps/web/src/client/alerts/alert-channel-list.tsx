"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { ALERT_CHANNEL_KINDS, type AlertChannelView, type ChannelTestResult } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";

interface AlertChannelListProps {
  channels: AlertChannelView[];
  canOperate: boolean;
  onDelete: (channel: AlertChannelView) => void;
}

/** Where alerts go, whether the last delivery failed and why, and a test button. */
export function AlertChannelList({ channels, canOperate, onDelete }: AlertChannelListProps) {
  if (channels.length === 0) return <EmptyState title="No channels">A channel is where alerts go: a webhook, a Slack-compatible webhook, or e-mail.</EmptyState>;
  return (
    <ul aria-label="Alert channels" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
      {channels.map((c) => (
        <ChannelItem key={c.id} channel={c} canOperate={canOperate} onDelete={() => onDelete(c)} />
      ))}
    </ul>
  );
}

function ChannelItem({ channel: c, canOperate, onDelete }: { channel: AlertChannelView; canOperate: boolean; onDelete: () => void }) {
  const [result, setResult] = useState<ChannelTestResult | null>(null);
  const test = useMutation({
    mutationFn: () => apiFetch<ChannelTestResult>(`/api/v1/alert-channels/${encodeURIComponent(c.id)}/test`, { method: "POST" }),
    onSuccess: setResult,
    onError: (err) => setResult({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  });
  return (
    <li data-channel={c.name} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
      <div className="min-w-0">
        <p className="font-medium text-slate-900">
          {c.name} <span className="text-sm font-normal text-slate-600">· {ALERT_CHANNEL_KINDS[c.kind]}</span>
        </p>
        <p className="font-mono text-xs [overflow-wrap:anywhere] text-slate-700">{c.target}</p>
        {c.lastFailure && (
          <p className="mt-1 text-xs text-red-700">
            {c.lastFailure.givenUp ? "Gave up" : "Failing, retrying"}: {c.lastFailure.error} (<RelativeTime iso={c.lastFailure.at} />)
          </p>
        )}
        {result && (
          <p role="status" className={`mt-1 text-xs ${result.ok ? "text-emerald-700" : "text-red-700"}`}>
            {result.ok ? `Test message ${result.message}.` : `Test failed: ${result.message}`}
          </p>
        )}
      </div>
      {canOperate && (
        <div className="flex gap-2">
          <Button size="sm" onClick={() => test.mutate()} disabled={test.isPending} aria-label={`Send a test message to ${c.name}`}>
            {test.isPending ? "Sending…" : "Send test"}
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={onDelete} aria-label={`Delete channel ${c.name}`}>
            Delete
          </Button>
        </div>
      )}
    </li>
  );
}
