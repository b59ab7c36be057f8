"use client";

import type { AlertChannelView, AlertRuleView } from "@outpost/cluster-core";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { describeRuleScope, describeRuleWhen } from "./describe-rule";

interface AlertRuleListProps {
  rules: AlertRuleView[];
  channels: AlertChannelView[];
  canOperate: boolean;
  onEdit: (rule: AlertRuleView) => void;
  onDelete: (rule: AlertRuleView) => void;
}

/** The rules as cards (one per line on wide screens): when, on what, whom it tells, and whether it fires now. */
export function AlertRuleList({ rules, channels, canOperate, onEdit, onDelete }: AlertRuleListProps) {
  if (rules.length === 0) return <EmptyState title="No alert rules">A rule says what to watch (e.g. a cluster offline for 5 minutes), on which clusters, and which channels to tell.</EmptyState>;
  const channelName = (id: string) => channels.find((c) => c.id === id)?.name ?? "(deleted channel)";
  return (
    <ul aria-label="Alert rules" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
      {rules.map((r) => (
        <li key={r.id} data-rule={r.name} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{r.name}</span>
              {!r.enabled && <Badge tone="grey">Off</Badge>}
              {r.firing > 0 && (
                <Badge tone="red" dot>
                  {r.firing} firing
                </Badge>
              )}
            </p>
            <p className="text-sm text-slate-700">
              {describeRuleWhen(r)} on {describeRuleScope(r)}
            </p>
            <p className="text-xs text-slate-600">Tells {r.channelIds.map(channelName).join(", ")}</p>
          </div>
          {canOperate && (
            <div className="flex gap-2">
              <Button size="sm" onClick={() => onEdit(r)} aria-label={`Edit rule ${r.name}`}>
                Edit
              </Button>
              <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => onDelete(r)} aria-label={`Delete rule ${r.name}`}>
                Delete
              </Button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
