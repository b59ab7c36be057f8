import { z } from "zod";
import { parseStoredJson } from "@outpost/cluster-core";

const ZIds = z.array(z.string());

/** Cluster.desiredBundleIds: the bundle ids of the desired state last issued. */
export function parseBundleIds(stored: string): string[] {
  return parseStoredJson(ZIds, stored, []);
}
