import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getCurrentUser } from "@/src/server/auth/get-current-user";
import { safeNextPath } from "@/src/client/safe-next-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <main className="grid min-h-screen place-items-center bg-gradient-to-b from-slate-900 to-slate-800 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-white">
          <span aria-hidden="true" className="grid size-9 place-items-center rounded-lg bg-indigo-500 text-lg font-bold">
            O
          </span>
          <span className="text-2xl font-semibold tracking-tight">Outpost</span>
        </div>
        <div className="rounded-xl bg-white p-8 shadow-xl">
          <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
          <p className="mt-1 mb-6 text-sm text-slate-600">Manage your edge clusters.</p>
          <LoginForm next={next} />
        </div>
      </div>
    </main>
  );
}
