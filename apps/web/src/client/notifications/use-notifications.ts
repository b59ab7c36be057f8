import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { NotificationPage } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** How many notifications the user has not seen; live pushes refresh it. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: [...queryKeys.notifications.all(), "unread"],
    queryFn: ({ signal }) => apiFetch<NotificationPage>("/api/v1/notifications?limit=1", { signal }),
    select: (page) => page.unread,
  });
}

/** The notification list, newest first, older pages on request. */
export function useNotificationList() {
  return useInfiniteQuery({
    queryKey: [...queryKeys.notifications.all(), "list"],
    queryFn: ({ pageParam, signal }) => apiFetch<NotificationPage>(`/api/v1/notifications?limit=50${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ""}`, { signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}
