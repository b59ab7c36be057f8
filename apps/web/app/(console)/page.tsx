import type { Metadata } from "next";
import { Suspense } from "react";
import { ZFleetQuery, fleetQueryInput, type FleetPage, type FleetQuery } from "@outpost/cluster-core";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getServerContext } from "@/src/server/context";
import { listFleetPage } from "@/src/server/fleet/list-fleet-page";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { FleetClient } from "./fleet-client";
import { getPageUser } from "./get-page-user";

export const metadata: Metadata = { title: "Fleet" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function FleetPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await getPageUser("/");
  const initial = await readFirstPage(await searchParams);
  return (
    <Suspense fallback={<LoadingRows label="Loading the fleet…" />}>
      <FleetClient canOperate={userHasRole(user, "operator")} initial={initial} />
    </Suspense>
  );
}

/** The page the address asks for, read here so the first rows arrive with the HTML; the client handles bad input itself. */
async function readFirstPage(raw: Record<string, string | string[] | undefined>): Promise<{ query: FleetQuery; page: FleetPage } | undefined> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") params.set(k, v);
  const parsed = ZFleetQuery.safeParse(fleetQueryInput(params));
  if (!parsed.success) return undefined;
  try {
    return { query: parsed.data, page: await listFleetPage(getServerContext().db, parsed.data) };
  } catch {
    return undefined;
  }
}
