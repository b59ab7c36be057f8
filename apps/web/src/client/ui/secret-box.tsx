import { CopyButton } from "./copy-button";

interface SecretBoxProps {
  /** Accessible name of the box, e.g. "Registration command". */
  label: string;
  value: string;
  copyLabel?: string;
}

/** A one-time secret or command in monospace, selectable, with a copy button. */
export function SecretBox({ label, value, copyLabel }: SecretBoxProps) {
  return (
    <div className="rounded-lg bg-slate-900 p-3 text-slate-100">
      <div className="mb-2 flex items-center justify-between gap-2">
        <span className="text-xs font-medium tracking-wide text-slate-400 uppercase">{label}</span>
        <CopyButton text={value} label={copyLabel} />
      </div>
      <pre aria-label={label} className="overflow-x-auto font-mono text-xs leading-5 whitespace-pre-wrap select-all [overflow-wrap:anywhere]">
        {value}
      </pre>
    </div>
  );
}
