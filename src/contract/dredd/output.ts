/**
 * What dredd prints itself: its reporter's per-transaction lines (silenced unless verbose) and its own
 * log, both through a redactor, because a failing case's dump includes the request's headers.
 */
import { createRequire } from "node:module";
import type { Redactor } from "../../core/redact.js";

const require = createRequire(import.meta.url);

type Write = typeof process.stdout.write;

// Marks a transport already routed: the loggers are shared by every run in the process.
const ROUTED = Symbol.for("specwright.contract.dredd-output");

interface WinstonTransport {
  silent?: boolean;
  log(level: string, message: unknown, meta: unknown, callback: (...args: unknown[]) => void): void;
  [ROUTED]?: true;
}
// Dredd's reporter prints through the first, dredd itself through the second (winston 2 loggers,
// module singletons whose transports are keyed by name).
const REPORTER_LOGGER = "dredd/build/reporters/reporterOutputLogger.js";
const OWN_LOGGER = "dredd/build/logger.js";

// The loggers outlive a run; runs take turns, so the current run's redactor is the one in force.
let redact: Redactor = (text) => text;

/** Sets what dredd may print for the next run: the reporter's lines only when verbose, everything redacted. */
export function routeDreddOutput(verbose: boolean, redactor: Redactor): void {
  redact = redactor;
  for (const path of [REPORTER_LOGGER, OWN_LOGGER]) {
    const logger = (require(path) as { default: { transports: Record<string, WinstonTransport> } }).default;
    for (const transport of Object.values(logger.transports)) {
      if (path === REPORTER_LOGGER) transport.silent = !verbose;
      routeThroughRedactor(transport);
    }
  }
}

/**
 * Winston's console transport formats a line (message and metadata, however deep) and writes it to
 * stdout or stderr synchronously inside `log`: redacting those writes for the duration of the call
 * catches the line exactly as it would be printed, without depending on how winston formats it.
 */
function routeThroughRedactor(transport: WinstonTransport): void {
  if (transport[ROUTED]) return;
  const log = transport.log;
  transport.log = function (this: WinstonTransport, ...args) {
    const restore = [process.stdout, process.stderr].map(redactWrites);
    try {
      return log.apply(this, args);
    } finally {
      for (const undo of restore) undo();
    }
  };
  transport[ROUTED] = true;
}

/** Makes the stream redact what it is given to write, until the returned function undoes that. */
function redactWrites(stream: NodeJS.WriteStream): () => void {
  const own = Object.hasOwn(stream, "write");
  const write = stream.write as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => write.call(stream, typeof chunk === "string" ? redact(chunk) : chunk, ...rest)) as Write;
  return () => {
    if (own) stream.write = write as Write;
    else delete (stream as { write?: Write }).write;
  };
}
