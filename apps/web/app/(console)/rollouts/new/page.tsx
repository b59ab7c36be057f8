import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { NewRolloutForm } from "@/src/client/rollouts/new-rollout-form";
import { PageHeader } from "@/src/client/ui/page-header";
import { getPageUser } from "../../get-page-user";

export const metadata: Metadata = { title: "New rollout" };

export default async function NewRolloutPage({ searchParams }: { searchParams: Promise<{ chart?: string }> }) {
  const user = await getPageUser("/rollouts/new");
  if (!userHasRole(user, "operator")) forbidden();
  const { chart } = await searchParams;
  return (
    <>
      <PageHeader title="New rollout" description="The canary goes first; each later wave starts when the one before is healthy, within the failure budget." />
      <NewRolloutForm initialChartId={chart ?? null} />
    </>
  );
}
