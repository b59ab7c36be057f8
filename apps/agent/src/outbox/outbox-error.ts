import { AgentError } from "../errors/agent-error";

/**
 * - `invalid-record`: append() got a record the wire schema rejects; nothing was written, so one
 *   bad caller cannot plant a line that recovery would have to cut off (with everything after it).
 * - `invalid-argument`: a negative or fractional seq or limit.
 * - `io`: the disk refused a write; the outbox rolled the file back and stays usable.
 * - `broken`: an I/O error left the file in an unknown state; reopen the outbox to recover.
 * - `closed`: used after close().
 */
export type OutboxErrorCode = "invalid-record" | "invalid-argument" | "io" | "broken" | "closed";

/** Every error the outbox throws on purpose; exit code 1 if it ever reaches `main`. */
export class OutboxError extends AgentError {
  constructor(
    readonly code: OutboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, 1);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
