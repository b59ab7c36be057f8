"use client";

import { useEffect, useState, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { io } from "socket.io-client";
import { applyClusterUpdate } from "./apply-cluster-update";
import { applyBundleProgress } from "./bundles/apply-bundle-progress";
import { applyJobUpdate } from "./jobs/apply-job-update";
import { isClusterSummary } from "./is-cluster-summary";
import { LiveSocketContext, LiveStatusContext, type LiveStatus, type UiSocket } from "./live-status-context";
import { queryKeys } from "./query-keys";

const RETRY_AFTER_REFUSAL_MS = 10_000;

/**
 * Keeps one socket.io connection to the /ui namespace for the signed-in pages and applies its
 * pushes to the query cache. After a reconnect everything cluster-related is refetched, since
 * pushes sent while the link was down are lost.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [liveSocket, setLiveSocket] = useState<UiSocket | null>(null);

  useEffect(() => {
    const socket: UiSocket = io("/ui", { withCredentials: true });
    setLiveSocket(socket);
    let connectedBefore = false;
    let retry: ReturnType<typeof setTimeout> | undefined;

    socket.on("connect", () => {
      setStatus("live");
      if (connectedBefore) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.all() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.sites.all() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.bundles.all() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.rollouts.all() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.jobs.all() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.devices.all() });
      }
      connectedBefore = true;
    });
    socket.on("disconnect", () => setStatus("reconnecting"));
    socket.on("connect_error", () => {
      setStatus(connectedBefore ? "reconnecting" : "connecting");
      // socket.io gives up when the server refuses the handshake (e.g. a restarting centre
      // with a fresh session store); keep trying at a calm pace.
      if (!socket.active) {
        clearTimeout(retry);
        retry = setTimeout(() => socket.connect(), RETRY_AFTER_REFUSAL_MS);
      }
    });
    socket.on("cluster:updated", (summary) => {
      if (isClusterSummary(summary)) applyClusterUpdate(queryClient, summary);
      else void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.all() });
    });
    socket.on("rollout:updated", () => {
      // Progress pages refetch (the list and charts' histories count clusters by state).
      void queryClient.invalidateQueries({ queryKey: queryKeys.rollouts.all() });
    });
    socket.on("notification:new", () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.all() });
    });
    socket.on("fleet:changed", () => {
      // Lists, and an open detail view whose cluster may just have been deleted.
      void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.all() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.sites.all() });
    });

    socket.on("bundles:changed", () => void queryClient.invalidateQueries({ queryKey: queryKeys.bundles.all() }));
    socket.on("bundle:progress", (progress) => applyBundleProgress(queryClient, progress));
    socket.on("job:updated", (job) => applyJobUpdate(queryClient, job));

    return () => {
      setLiveSocket(null);
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [queryClient]);

  return (
    <LiveStatusContext value={status}>
      <LiveSocketContext value={liveSocket}>{children}</LiveSocketContext>
    </LiveStatusContext>
  );
}
