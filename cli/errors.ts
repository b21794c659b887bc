/** A problem the user can fix (bad link, wrong token, bad option): printed as one sentence, exit 1. */
export class CliError extends Error {
  constructor(
    message: string,
    /** Whether pointing at `--help` would help: true for mistakes in how the command was typed. */
    readonly usage = false,
  ) {
    super(message);
    this.name = "CliError";
  }
}
