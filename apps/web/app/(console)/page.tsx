import type { Metadata } from "next";
import { Suspense } from "react";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { FleetClient } from "./fleet-client";
import { getPageUser } from "./get-page-user";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage() {
  const user = await getPageUser("/");
  return (
    <Suspense fallback={<LoadingRows label="Loading the fleet…" />}>
      <FleetClient canOperate={userHasRole(user, "operator")} />
    </Suspense>
  );
}
