"use client";

import { useEffect, useRef } from "react";
import type { JobLogLine, JobStepView } from "@outpost/cluster-core";

const LEVEL_CLASS = { info: "text-slate-200", warn: "text-amber-300", error: "text-red-300" } as const;

/**
 * The job's log as it grows: time, step and message per line. It follows new lines while the
 * reader is at the bottom and stays put when they scrolled up to read.
 */
export function JobLogView({ logs, steps, earlierLogs }: { logs: JobLogLine[]; steps: JobStepView[]; earlierLogs: number }) {
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const titles = new Map(steps.map((s) => [s.position, s.name]));

  useEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [logs.length]);

  return (
    <div
      ref={box}
      role="log"
      aria-label="Job log"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      className="max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-5"
    >
      {earlierLogs > 0 && <p className="text-slate-500">… {earlierLogs} earlier lines</p>}
      {logs.length === 0 && <p className="text-slate-500">No output yet.</p>}
      {logs.map((l) => (
        <p key={l.seq} className={`whitespace-pre-wrap break-words ${LEVEL_CLASS[l.level]}`}>
          <span className="text-slate-500 select-none">{new Date(l.at).toLocaleTimeString(undefined, { hour12: false })} </span>
          {l.step !== null && <span className="text-sky-300">[{titles.get(l.step) ?? l.step}] </span>}
          {l.message}
        </p>
      ))}
    </div>
  );
}
