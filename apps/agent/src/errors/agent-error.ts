/**
 * Exit codes are part of the agent's contract with its service manager: 2 means "fix the
 * configuration", 3 means "the centre said no; retrying will not help", 1 is anything else.
 */
export type AgentExitCode = 1 | 2 | 3;

/** Base of every error the agent expects; `main` turns it into one log line and its exit code. */
export class AgentError extends Error {
  constructor(
    message: string,
    readonly exitCode: AgentExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad arguments, environment or local files: exit 2. */
export class AgentConfigError extends AgentError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The centre refused the registration token or the credential: exit 3, do not hammer it. */
export class AgentRejectedError extends AgentError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message, 3);
  }
}
