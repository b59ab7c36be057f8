export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * One timestamped line per message on stderr (journald and `kubectl logs`-style collectors
 * keep it; stdout stays free for `--help`). Callers must never pass tokens or credentials.
 */
export function createLogger(write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const emit = (level: string, message: string) => write(`${new Date().toISOString()} ${level} ${message}\n`);
  return {
    info: (m) => emit("INFO ", m),
    warn: (m) => emit("WARN ", m),
    error: (m) => emit("ERROR", m),
  };
}
