// Option mistakes the CLI words itself: an unknown option names the closest valid one (edit distance,
// a swap of neighbours counting as one edit), and an option that takes one value may be given once.
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/arguments.js";
import { closest, editDistance } from "../../src/cli/closest.js";
import { UsageError } from "../../src/cli/usage-error.js";

/** The UsageError message parseCommandLine refuses `argv` with. */
function refusal(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${argv.join(" ")}`);
}

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["port", "port", 0],
    ["", "seed", 4],
    ["bse-url", "base-url", 1],
    ["prot", "port", 1],
    ["ouptut", "output", 1],
    ["kitten", "sitting", 3],
    ["ca", "abc", 3],
  ])("%j to %j is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closest", () => {
  const names = ["base-url", "fixtures", "output", "only", "seed", "runs", "help"];

  it("picks the nearest name within two edits", () => {
    expect(closest("bse-url", names)).toBe("base-url");
    expect(closest("basse-urll", names)).toBe("base-url");
    expect(closest("ouptut", names)).toBe("output");
    expect(closest("sede", names)).toBe("seed");
  });

  it("suggests nothing for a word that is no near typo", () => {
    expect(closest("frobnicate", names)).toBeUndefined();
    expect(closest("base-urlxyz", names)).toBeUndefined();
    // Two edits turn `x` into almost anything: a short word needs a closer match.
    expect(closest("x", names)).toBeUndefined();
    expect(closest("ruls", [])).toBeUndefined();
  });
});

describe("unknown options", () => {
  it("names the option and the valid one closest to it", () => {
    expect(refusal(["contract", "onet", "--bse-url", "https://api.example.com"])).toBe("contract: unknown option --bse-url; did you mean --base-url?");
    expect(refusal(["contract", "onet", "--reportr=junit"])).toBe("contract: unknown option --reportr; did you mean --reporter?");
    expect(refusal(["mock", "onet", "--prot", "1"])).toBe("mock: unknown option --prot; did you mean --port?");
    expect(refusal(["webhooks", "check", "--too", "http://x/"])).toBe("webhooks: unknown option --too; did you mean --to?");
  });

  it("takes a one-dash long option as the word it is", () => {
    expect(refusal(["contract", "onet", "-base-url", "https://api.example.com"])).toBe("contract: unknown option -base-url; did you mean --base-url?");
  });

  it("lists the command's options when none is close, and bounds what it repeats", () => {
    expect(refusal(["mock", "onet", "--frobnicate"])).toBe(
      "mock: unknown option --frobnicate; the options are --port, --host, --seed, --print-fixtures, --webhook-url, --webhook-secret, --help.",
    );
    expect(refusal(["mock", "onet", "-x"])).toMatch(/^mock: unknown option -x; the options are --port, /);
    const long = refusal(["mock", "onet", `--${"a".repeat(500)}`]);
    expect(long).toContain(`unknown option --${"a".repeat(38)}…;`);
    expect(long.length).toBeLessThan(200);
  });

  it("never repeats the value given with an unknown option", () => {
    const message = refusal(["webhooks", "check", "--to", "http://x/", "--secert=whsec_c2VjcmV0LXZhbHVl"]);
    expect(message).toBe("webhooks: unknown option --secert; did you mean --secret?");
  });

  it("leaves an argument after -- alone", () => {
    expect(refusal(["mock", "onet", "--", "--prot"])).toMatch(/^mock: name one API/);
  });
});

describe("an option that takes one value, given more than once", () => {
  it.each([
    [["contract", "onet", "--output", "a.json", "--output", "b.json"], "contract: --output (-o) takes one value but was given 2 times; give it once."],
    [["contract", "onet", "-o", "a.json", "--output=b.json", "-o", "c.json"], "contract: --output (-o) takes one value but was given 3 times; give it once."],
    [["contract", "onet", "--runs", "1", "--seed", "2", "--runs", "1"], "contract: --runs takes one value but was given 2 times; give it once."],
    [["mock", "onet", "--host", "127.0.0.1", "--host", "::1"], "mock: --host takes one value but was given 2 times; give it once."],
    [["webhooks", "check", "--to", "http://a/", "--to", "http://b/"], "webhooks: --to takes one value but was given 2 times; give it once."],
  ])("%j is refused", (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it("does not echo the values, which may be secrets", () => {
    const message = refusal(["webhooks", "check", "--to", "http://x/", "--secret", "whsec_Zmlyc3Q=", "--secret", "whsec_c2Vjb25k"]);
    expect(message).toBe("webhooks: --secret takes one value but was given 2 times; give it once.");
  });

  it("still takes a repeatable option, and a repeated flag, as before", () => {
    expect(parseCommandLine(["contract", "onet", "--only", "listWebHosting", "--only", "getDomain"])).toMatchObject({
      only: { onet: ["listWebHosting", "getDomain"] },
    });
    expect(parseCommandLine(["contract", "onet", "--verbose", "--verbose"])).toMatchObject({ verbose: true });
    expect(parseCommandLine(["contract", "onet", "-o", "-"])).toMatchObject({ output: "-" });
  });
});
