"use client";

import Link from "next/link";
import { BundleTable } from "@/src/client/bundles/bundle-table";
import { useBundles } from "@/src/client/bundles/use-bundles";
import { buttonClasses } from "@/src/client/ui/button-classes";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";

/** Bundles: signed sets of files (k3s, images, charts) that devices fetch over the tunnel or import from a USB stick. */
export function BundlesClient({ canOperate }: { canOperate: boolean }) {
  const bundles = useBundles();
  const upload = canOperate ? (
    <Link href="/bundles/upload" className={buttonClasses("primary", "md")}>
      Upload bundle
    </Link>
  ) : undefined;
  return (
    <>
      <PageHeader
        title="Bundles"
        description="Signed, content-addressed sets of files for air-gapped sites: the k3s binary, image tarballs, charts, manifests. Devices fetch only what they lack."
        actions={upload}
      />
      {bundles.isPending ? (
        <LoadingRows label="Loading bundles…" />
      ) : bundles.isError ? (
        <ErrorAlert error={bundles.error} />
      ) : bundles.data.length === 0 ? (
        <EmptyState title="No bundles yet" actions={upload}>
          Upload files here, or build a bundle with <code className="font-mono">outpost bundle create</code> and send it with{" "}
          <code className="font-mono">outpost bundle push</code>. Then assign it to clusters.
          {!canOperate && " Ask an operator to upload one."}
        </EmptyState>
      ) : (
        <BundleTable bundles={bundles.data} />
      )}
    </>
  );
}
