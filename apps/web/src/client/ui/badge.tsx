import type { ReactNode } from "react";

export type BadgeTone = "green" | "red" | "grey" | "amber" | "blue" | "violet" | "indigo";

const TONES: Record<BadgeTone, { box: string; dot: string }> = {
  green: { box: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  red: { box: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  grey: { box: "bg-slate-100 text-slate-600 ring-slate-500/20", dot: "bg-slate-400" },
  amber: { box: "bg-amber-50 text-amber-800 ring-amber-600/20", dot: "bg-amber-500" },
  blue: { box: "bg-sky-50 text-sky-700 ring-sky-600/20", dot: "bg-sky-500" },
  violet: { box: "bg-violet-50 text-violet-700 ring-violet-600/20", dot: "bg-violet-500" },
  indigo: { box: "bg-indigo-50 text-indigo-700 ring-indigo-600/20", dot: "bg-indigo-500" },
};

interface BadgeProps {
  tone: BadgeTone;
  children: ReactNode;
  /** Show a coloured dot before the text (status badges). */
  dot?: boolean;
  title?: string;
}

/** A small pill for statuses, roles and flags. */
export function Badge({ tone, children, dot = false, title }: BadgeProps) {
  const t = TONES[tone];
  return (
    <span title={title} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${t.box}`}>
      {dot && <span aria-hidden="true" className={`size-1.5 rounded-full ${t.dot}`} />}
      {children}
    </span>
  );
}
