import type { Role } from "@outpost/cluster-core";
import Link from "next/link";

/** The 403 page body: which role is missing, and a way back. */
export function ForbiddenView({ role, yourRole }: { role: Role; yourRole: Role }) {
  return (
    <section aria-labelledby="forbidden-title" className="mx-auto mt-16 max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 id="forbidden-title" className="mt-2 text-xl font-semibold text-slate-900">
        403 — you need the {role} role
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        You are signed in as {yourRole === "admin" || yourRole === "operator" ? "an" : "a"} {yourRole}. Ask an admin if you need access to this page.
      </p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">
        Back to the fleet
      </Link>
    </section>
  );
}
