import { pino } from "pino";

/** Values that belong to a log record without being part of its message. */
export type LogFields = Record<string, unknown>;
/** `log.warn("text")`, or `log.warn({ reason }, "text")`: text from outside goes into a field. */
export type LogFn = (fieldsOrMessage: LogFields | string, message?: string) => void;

export interface Logger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/**
 * One JSON object per line on stderr (journald and `kubectl logs`-style collectors keep it;
 * stdout stays free for `--help`). Text that came from the centre or the cluster goes into a
 * field, never into the message: JSON escapes every newline, so it cannot forge a line.
 * Callers must never pass tokens or credentials. Level from OUTPOST_LOG_LEVEL (default info);
 * `write` takes each line instead of stderr (tests).
 */
export function createLogger(write?: (line: string) => void): Logger {
  return pino(
    {
      level: process.env.OUTPOST_LOG_LEVEL || "info",
      base: { app: "outpost-agent" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    write ? { write } : pino.destination({ dest: 2, sync: true }),
  );
}
