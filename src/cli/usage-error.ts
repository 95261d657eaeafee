/** A command line the CLI cannot act on (unknown command, API or option, a bad value, a refused run): exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
