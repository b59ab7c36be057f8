import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { UploadBundleForm } from "@/src/client/bundles/upload-bundle-form";
import { PageHeader } from "@/src/client/ui/page-header";
import { getPageUser } from "../../get-page-user";

export const metadata: Metadata = { title: "Upload bundle" };

export default async function UploadBundlePage() {
  const user = await getPageUser("/bundles/upload");
  if (!userHasRole(user, "operator")) forbidden();
  return (
    <>
      <PageHeader title="Upload bundle" description="The centre checks every file, writes the manifest and signs it with its key; devices trust nothing else." />
      <UploadBundleForm />
    </>
  );
}
