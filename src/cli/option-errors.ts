/**
 * The option mistakes `parseArgs` leaves to its caller, told in the CLI's own words: an unknown option
 * with the valid one it is closest to, and a single-value option given more than once (`parseArgs`
 * silently keeps the last). Neither message echoes an option's value.
 */
import type { ParseArgsConfig } from "node:util";
import { closest } from "./closest.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Token = { kind: string; name?: string; index: number };

/** How much of an unknown option the message repeats: it comes from the command line, so it is bounded. */
const MAX_SHOWN = 40;

/** `parseArgs`' error as the CLI says it: an unknown option names its closest valid one; others pass unchanged. */
export function describeParseError(error: unknown, args: readonly string[], options: Options): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node names the option only in its message, as `Unknown option '--bse-url'` (`'-b'` for a short one).
  const raw = (error as { code?: unknown }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /^Unknown option '([^']+)'/.exec(message)?.[1] : undefined;
  return raw === undefined ? message : unknownOption(raw, args, options);
}

function unknownOption(raw: string, args: readonly string[], options: Options): string {
  const names = Object.keys(options);
  // `-base-url` reaches parseArgs as the short options -b, -a, …: the word the user typed is the whole argument.
  const word = raw.startsWith("--")
    ? raw
    : (args
        .slice(0, endOfOptions(args))
        .find((arg) => arg.startsWith(raw) && !arg.startsWith("--"))
        ?.split("=")[0] ?? raw);
  const suggestion = closest(word.replace(/^--?/, ""), names);
  const shown = word.length > MAX_SHOWN ? `${word.slice(0, MAX_SHOWN)}…` : word;
  return suggestion !== undefined
    ? `unknown option ${shown}; did you mean --${suggestion}?`
    : `unknown option ${shown}; the options are ${names.map((name) => `--${name}`).join(", ")}.`;
}

/** Where the options end: at `--`, after which everything is a positional argument. */
function endOfOptions(args: readonly string[]): number {
  const end = args.indexOf("--");
  return end === -1 ? args.length : end;
}

/** The first option that takes one value and was given more than once, as a message; undefined if none. */
export function repeatedOption(tokens: readonly Token[], options: Options): string | undefined {
  const counts = new Map<string, number>();
  for (const { kind, name } of tokens) {
    const option = name === undefined ? undefined : options[name];
    if (kind === "option" && option?.type === "string" && !option.multiple) counts.set(name!, (counts.get(name!) ?? 0) + 1);
  }
  const [name, count] = [...counts].find(([, times]) => times > 1) ?? [];
  if (name === undefined) return undefined;
  const short = options[name]!.short;
  return `--${name}${short ? ` (-${short})` : ""} takes one value but was given ${count} times; give it once.`;
}
