/**
 * Type-checks small TypeScript sources against the repository, as a user's code would be, and returns
 * the compiler's messages: for tests about what the compiler says (a schema's name in an error), which
 * `@ts-expect-error` cannot show.
 */
import { resolve } from "node:path";
import ts from "typescript";

const root = resolve(import.meta.dirname, "../..");

/** `sources`: file name (relative to test/) to its text; imports may use "../src/...". Returns the messages by file name. */
export function compile(sources: Record<string, string>): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const virtual = new Map(Object.entries(sources).map(([name, text]) => [resolve(root, "test", name), text]));
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => virtual.has(resolve(file)) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(resolve(file)) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(resolve(file));
    return text === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: { ...config.options, noEmit: true }, host });
  const messages: Record<string, string[]> = {};
  for (const [file, name] of [...virtual.keys()].map((path, index) => [path, Object.keys(sources)[index]!] as const)) {
    messages[name] = program
      .getSemanticDiagnostics(program.getSourceFile(file))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  }
  return messages;
}
