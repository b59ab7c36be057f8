import type { Metadata } from "next";
import { Suspense } from "react";
import { ZFleetQuery, fleetQueryInput, type FleetPage, type FleetQuery } from "@outpost/cluster-core";
import { hasGrantOf } from "@/src/server/access/has-grant-of";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";
import type { Access } from "@/src/server/access/access";
import { getServerContext } from "@/src/server/context";
import { listFleetPage } from "@/src/server/fleet/list-fleet-page";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { FleetClient } from "./fleet-client";
import { getPageCaller } from "./get-page-caller";

export const metadata: Metadata = { title: "Fleet" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function FleetPage({ searchParams }: { searchParams: SearchParams }) {
  const caller = await getPageCaller("/");
  const initial = await readFirstPage(await searchParams, caller.access);
  return (
    <Suspense fallback={<LoadingRows label="Loading the fleet…" />}>
      {/* Adding a cluster needs the operator role where it will live; the server checks the site and labels. */}
      <FleetClient canOperate={hasGrantOf(caller.access, "operator")} initial={initial} />
    </Suspense>
  );
}

/** The page the address asks for, read here so the first rows arrive with the HTML; the client handles bad input itself. */
async function readFirstPage(raw: Record<string, string | string[] | undefined>, access: Access): Promise<{ query: FleetQuery; page: FleetPage } | undefined> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") params.set(k, v);
  const parsed = ZFleetQuery.safeParse(fleetQueryInput(params));
  if (!parsed.success) return undefined;
  try {
    const ctx = getServerContext();
    return { query: parsed.data, page: await listFleetPage(ctx.db, parsed.data, { visible: await visibleClustersWhere(ctx, access) }) };
  } catch {
    return undefined;
  }
}
