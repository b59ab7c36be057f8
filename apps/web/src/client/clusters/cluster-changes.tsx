"use client";

import { useState } from "react";
import type { ClusterChangeView } from "@outpost/cluster-core";
import { ErrorAlert } from "../ui/error-alert";
import { LoadingRows } from "../ui/loading-rows";
import { Pagination } from "../ui/pagination";
import { ChangeTable } from "./change-table";
import { useClusterChanges } from "./use-cluster-changes";

const PAGE_SIZES = [25, 50, 100, 200] as const;

/** The Changes tab: every change the agent delivered, newest first, paged — none silently cut off. */
export function ClusterChanges({ id, first, total }: { id: string; first: ClusterChangeView[]; total: number }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const changes = useClusterChanges(id, page, pageSize, { items: first, total });
  if (changes.isPending) return <LoadingRows label="Loading changes…" />;
  if (changes.isError && !changes.data) return <ErrorAlert error={changes.error} onRetry={() => void changes.refetch()} />;
  const data = changes.data;
  return (
    <div className={`transition-opacity ${changes.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={changes.isPlaceholderData}>
      {changes.isError && <ErrorAlert className="mb-3" error={changes.error} onRetry={() => void changes.refetch()} />}
      <ChangeTable changes={data.items} />
      {data.total > 0 && (
        <Pagination
          page={data.page}
          pageSize={data.pageSize}
          total={data.total}
          noun="changes"
          onPage={setPage}
          pageSizes={PAGE_SIZES}
          onPageSize={(size) => {
            setPageSize(size);
            setPage(1);
          }}
        />
      )}
    </div>
  );
}
