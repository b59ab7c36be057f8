import Link from "next/link";

/** The Outpost mark and name, linking home. */
export function BrandLink({ className = "" }: { className?: string }) {
  return (
    <Link href="/" className={`flex items-center gap-2 text-white ${className}`}>
      <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-indigo-500 text-sm font-bold">
        O
      </span>
      <span className="text-lg font-semibold tracking-tight">Outpost</span>
    </Link>
  );
}
