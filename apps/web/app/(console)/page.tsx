import type { Metadata } from "next";
import { Suspense } from "react";
import { hasGrantOf } from "@/src/server/access/has-grant-of";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { FleetClient } from "./fleet-client";
import { getPageCaller } from "./get-page-caller";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage() {
  const caller = await getPageCaller("/");
  return (
    <Suspense fallback={<LoadingRows label="Loading the fleet…" />}>
      {/* Adding a cluster needs the operator role where it will live; the server checks the site and labels. */}
      <FleetClient canOperate={hasGrantOf(caller.access, "operator")} />
    </Suspense>
  );
}
