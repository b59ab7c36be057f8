/** An error the CLI expects: printed as one line; exit 2 for bad usage, 1 for a failed operation. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}
