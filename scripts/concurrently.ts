/**
 * Runs npm scripts at the same time (`tsx scripts/concurrently.ts lint typecheck …`), as `npm test`
 * does with its static checks, which depend on none of each other. An argument may pass the script
 * arguments of its own, as npm does after `--` (`"build -- --noCheck"`). Each script's output is printed
 * in one piece when it ends, headed by the script, whether it passed and how long it took. Exits 1 when
 * any script failed, after all have ended.
 */
import { spawn } from "node:child_process";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: tsx scripts/concurrently.ts <npm script>...");
  process.exit(2);
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const started = performance.now();

const results = await Promise.all(
  names.map(
    (name) =>
      new Promise<boolean>((resolve) => {
        const begun = performance.now();
        const child = spawn(npm, ["run", "--silent", ...name.split(" ")], { stdio: ["ignore", "pipe", "pipe"], shell: process.platform === "win32" });
        const output: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
        let ended = false;
        const finish = (passed: boolean, reason: string) => {
          if (ended) return;
          ended = true;
          const seconds = ((performance.now() - begun) / 1000).toFixed(1);
          process.stdout.write(`\n> ${name}: ${passed ? "passed" : `FAILED (${reason})`} in ${seconds} s\n${Buffer.concat(output).toString()}`);
          resolve(passed);
        };
        child.on("error", (error) => finish(false, error.message));
        child.on("close", (code, signal) => finish(code === 0, signal ? `signal ${signal}` : `exit code ${code}`));
      }),
  ),
);

const failed = names.filter((_, index) => !results[index]);
console.log(
  `\n${names.length - failed.length} of ${names.length} passed in ${((performance.now() - started) / 1000).toFixed(1)} s${failed.length ? `; failed: ${failed.join(", ")}` : ""}`,
);
process.exit(failed.length > 0 ? 1 : 0);
