import type { Metadata } from "next";
import { getPageUser } from "../get-page-user";
import { TokensClient } from "./tokens-client";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await getPageUser("/tokens");
  return <TokensClient />;
}
