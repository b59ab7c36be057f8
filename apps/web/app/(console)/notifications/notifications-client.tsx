"use client";

import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/src/client/api-fetch";
import { useNotificationList } from "@/src/client/notifications/use-notifications";
import { queryKeys } from "@/src/client/query-keys";
import { Badge } from "@/src/client/ui/badge";
import { Button } from "@/src/client/ui/button";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";
import { RelativeTime } from "@/src/client/ui/relative-time";

/** Every alert that fired or resolved, newest first; new ones arrive live. */
export function NotificationsClient() {
  const list = useNotificationList();
  const queryClient = useQueryClient();
  const seen = useMutation({
    mutationFn: () => apiFetch("/api/v1/notifications/seen", { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all() }),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <>
            Alerts that fired or resolved. Rules and channels are under <Link href="/alerts" className="font-medium text-indigo-700 hover:underline">Alerts</Link>.
          </>
        }
        actions={
          <Button onClick={() => seen.mutate()} disabled={unread === 0 || seen.isPending}>
            Mark all as read
          </Button>
        }
      />
      <ErrorAlert error={seen.error} className="mb-3" />
      {list.isPending ? (
        <LoadingRows label="Loading notifications…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No notifications yet">When an alert rule fires or its condition clears, it shows here as well as in its channels.</EmptyState>
      ) : (
        <>
          <ul aria-label="Notifications" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
            {items.map((n) => (
              <li key={n.id} data-event={n.event} className={`px-4 py-3 ${n.unread ? "bg-indigo-50/50" : ""}`}>
                <div className="flex flex-wrap items-center gap-2">
                  {n.event === "firing" ? (
                    <Badge tone="red" dot>
                      Firing
                    </Badge>
                  ) : (
                    <Badge tone="green">Resolved</Badge>
                  )}
                  {n.unread && <span className="text-xs font-semibold text-indigo-700">New</span>}
                  <span className="font-medium text-slate-900">{n.clusterId ? <Link href={`/clusters/${n.clusterId}`} className="hover:underline">{n.title}</Link> : n.title}</span>
                </div>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{n.body}</p>
                <p className="mt-1 text-xs text-slate-600">
                  <RelativeTime iso={n.at} />
                </p>
              </li>
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="mt-4 flex justify-center">
              <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Older notifications"}
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}
