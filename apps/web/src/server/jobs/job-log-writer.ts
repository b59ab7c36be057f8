import type { JobLogEvent, JobLogLevel, JobLogLine } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { sanitizeLogText } from "./sanitize-log-text";
import { log } from "../logging/log";

export interface JobLogWriter {
  log(step: number | null, level: JobLogLevel, message: string): void;
  /** Resolves once every line so far is stored. */
  flush(): Promise<void>;
}

/**
 * Numbers a job's log lines, pushes them live at once and stores them in order: lines that come
 * while a write is in flight go together in the next one, so a chatty step costs few writes.
 */
export function createJobLogWriter(db: Db, emit: (event: JobLogEvent) => void, jobId: string, firstSeq: number): JobLogWriter {
  let nextSeq = firstSeq;
  let pending: JobLogLine[] = [];
  let unsent: JobLogLine[] = [];
  let writing: Promise<void> = Promise.resolve();

  const drain = async () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      await db.jobLog.createMany({ data: batch.map((l) => ({ jobId, seq: l.seq, step: l.step, at: new Date(l.at), level: l.level, message: l.message })) });
    } catch (err) {
      log.error({ jobId, lines: batch.length, err }, "jobs: storing log lines failed");
    }
  };

  return {
    log(step, level, message) {
      const line: JobLogLine = { seq: nextSeq++, step, at: new Date().toISOString(), level, message: sanitizeLogText(message) };
      pending.push(line);
      if (pending.length === 1) writing = writing.then(drain);
      unsent.push(line);
      if (unsent.length === 1) {
        queueMicrotask(() => {
          const lines = unsent;
          unsent = [];
          emit({ jobId, lines });
        });
      }
    },
    flush() {
      writing = writing.then(drain);
      return writing;
    },
  };
}
