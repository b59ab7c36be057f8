"use client";

import { useState } from "react";
import type { AlertChannelView, AlertRuleView } from "@outpost/cluster-core";
import { AlertChannelForm } from "@/src/client/alerts/alert-channel-form";
import { AlertChannelList } from "@/src/client/alerts/alert-channel-list";
import { AlertRuleForm } from "@/src/client/alerts/alert-rule-form";
import { AlertRuleList } from "@/src/client/alerts/alert-rule-list";
import { FiringAlertList } from "@/src/client/alerts/firing-alert-list";
import { useAlertChannels, useAlertRules, useAlerts } from "@/src/client/alerts/use-alert-data";
import { queryKeys } from "@/src/client/query-keys";
import { useSites } from "@/src/client/sites/use-sites";
import { Button } from "@/src/client/ui/button";
import { DeleteDialog } from "@/src/client/ui/delete-dialog";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { ModalDialog } from "@/src/client/ui/modal-dialog";
import { PageHeader } from "@/src/client/ui/page-header";

type RuleEditing = { rule?: AlertRuleView } | null;

/** Alerts firing now, the rules that raise them and the channels they go to. */
export function AlertsClient({ canOperate }: { canOperate: boolean }) {
  const [showResolved, setShowResolved] = useState(false);
  const alerts = useAlerts(showResolved ? "recent" : "firing");
  const rules = useAlertRules();
  const channels = useAlertChannels();
  const sites = useSites();
  const [editing, setEditing] = useState<RuleEditing>(null);
  const [addingChannel, setAddingChannel] = useState(false);
  const [deletingRule, setDeletingRule] = useState<AlertRuleView | null>(null);
  const [deletingChannel, setDeletingChannel] = useState<AlertChannelView | null>(null);

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Rules watch the fleet and tell webhooks, Slack and e-mail when a site goes dark — once, and again when it is back."
        actions={
          canOperate ? (
            <Button variant="primary" onClick={() => setEditing({})}>
              New rule
            </Button>
          ) : undefined
        }
      />
      <section aria-labelledby="firing-heading" className="mb-8">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="firing-heading" className="text-base font-semibold text-slate-900">
            {showResolved ? "Firing and resolved in the last 7 days" : "Firing now"}
          </h2>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} className="size-4 rounded" />
            Show resolved
          </label>
        </div>
        {alerts.isPending ? <LoadingRows label="Loading alerts…" /> : alerts.isError ? <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} /> : <FiringAlertList alerts={alerts.data} />}
      </section>
      <section aria-labelledby="rules-heading" className="mb-8">
        <h2 id="rules-heading" className="mb-2 text-base font-semibold text-slate-900">
          Rules
        </h2>
        {rules.isPending || channels.isPending ? (
          <LoadingRows label="Loading rules…" />
        ) : rules.isError ? (
          <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <AlertRuleList rules={rules.data} channels={channels.data ?? []} canOperate={canOperate} onEdit={(rule) => setEditing({ rule })} onDelete={setDeletingRule} />
        )}
      </section>
      <section aria-labelledby="channels-heading">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="channels-heading" className="text-base font-semibold text-slate-900">
            Channels
          </h2>
          {canOperate && <Button onClick={() => setAddingChannel(true)}>Add channel</Button>}
        </div>
        {channels.isPending ? (
          <LoadingRows label="Loading channels…" />
        ) : channels.isError ? (
          <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
        ) : (
          <AlertChannelList channels={channels.data} canOperate={canOperate} onDelete={setDeletingChannel} />
        )}
      </section>

      {canOperate && (
        <>
          <ModalDialog open={editing !== null} onClose={() => setEditing(null)} title={editing?.rule ? `Edit rule ${editing.rule.name}` : "New alert rule"} wide>
            {editing && <AlertRuleForm rule={editing.rule} sites={sites.data ?? []} channels={channels.data ?? []} onDone={() => setEditing(null)} />}
          </ModalDialog>
          <ModalDialog open={addingChannel} onClose={() => setAddingChannel(false)} title="Add channel">
            <AlertChannelForm onDone={() => setAddingChannel(false)} />
          </ModalDialog>
          <DeleteDialog
            path={deletingRule && `/api/v1/alert-rules/${encodeURIComponent(deletingRule.id)}`}
            title={`Delete rule ${deletingRule?.name ?? ""}?`}
            confirmLabel="Delete rule"
            invalidates={queryKeys.alerts.all()}
            onClose={() => setDeletingRule(null)}
          >
            <p>Its alerts are deleted with it and nothing more is sent for them{deletingRule?.firing ? `, including the ${deletingRule.firing} firing now` : ""}.</p>
          </DeleteDialog>
          <DeleteDialog
            path={deletingChannel && `/api/v1/alert-channels/${encodeURIComponent(deletingChannel.id)}`}
            title={`Delete channel ${deletingChannel?.name ?? ""}?`}
            confirmLabel="Delete channel"
            invalidates={queryKeys.alerts.all()}
            onClose={() => setDeletingChannel(null)}
          >
            <p>Rules that still send to it must lose it first; Outpost says which.</p>
          </DeleteDialog>
        </>
      )}
    </>
  );
}
