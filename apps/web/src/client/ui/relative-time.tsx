"use client";

import { formatDateTime } from "../format-date-time";
import { formatRelativeTime } from "../format-relative-time";
import { useNow } from "../use-now";

/** "2 min ago", refreshed every 15 s, with the absolute time as tooltip. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className={className} suppressHydrationWarning>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
