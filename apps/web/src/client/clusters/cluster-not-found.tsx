import Link from "next/link";

/** The 404 body for a cluster id that does not exist (or was just deleted). */
export function ClusterNotFound() {
  return (
    <section aria-labelledby="cluster-not-found" className="mx-auto mt-16 max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 id="cluster-not-found" className="mt-2 text-xl font-semibold text-slate-900">
        Cluster not found
      </h1>
      <p className="mt-2 text-sm text-slate-600">There is no cluster with this id. It may have been deleted.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">
        Back to the fleet
      </Link>
    </section>
  );
}
