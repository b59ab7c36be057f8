import { ClusterNotFound } from "@/src/client/clusters/cluster-not-found";

export default function ClusterNotFoundPage() {
  return <ClusterNotFound />;
}
