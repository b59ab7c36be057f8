import type { Metadata } from "next";
import { Suspense } from "react";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { getPageUser } from "../get-page-user";
import { SearchClient } from "./search-client";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage() {
  await getPageUser("/search");
  return (
    <Suspense fallback={<LoadingRows label="Loading…" />}>
      <SearchClient />
    </Suspense>
  );
}
