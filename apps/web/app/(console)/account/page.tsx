import type { Metadata } from "next";
import { PageHeader } from "@/src/client/ui/page-header";
import { ChangeOwnPasswordForm } from "@/src/client/users/change-own-password-form";
import { getPageUser } from "../get-page-user";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await getPageUser("/account");
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.username} (${user.role}).`} />
      <section aria-labelledby="change-password" className="max-w-lg rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="change-password" className="mb-1 text-base font-semibold text-slate-900">
          Change your password
        </h2>
        <p className="mb-4 text-sm text-slate-600">You stay signed in here; your other sessions end.</p>
        <ChangeOwnPasswordForm />
      </section>
    </>
  );
}
