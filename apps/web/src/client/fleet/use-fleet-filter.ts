import { useCallback, useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { ClusterListFilter } from "../query-keys";

/** The fleet filter lives in the URL (?selector=…&search=…) so views can be shared and bookmarked. */
export function useFleetFilter(): { filter: ClusterListFilter; setFilter: (next: ClusterListFilter) => void } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const selector = params.get("selector") ?? "";
  const search = params.get("search") ?? "";
  const filter = useMemo(() => ({ selector, search }), [selector, search]);

  const setFilter = useCallback(
    (next: ClusterListFilter) => {
      const q = new URLSearchParams(params.toString());
      for (const key of ["selector", "search"] as const) {
        const value = next[key].trim();
        if (value) q.set(key, value);
        else q.delete(key);
      }
      const qs = q.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  return { filter, setFilter };
}
