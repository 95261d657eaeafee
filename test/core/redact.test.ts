// The one redaction (core/redact.ts): a secret in any form a server may echo it in becomes
// `[REDACTED]`, shorter and unrelated text is left alone, and without secrets it is the identity.
import { describe, expect, it } from "vitest";
import { createRedactor, noRedaction, redactValue, secretsOfCredentials } from "../../src/core/redact.js";

const KEY = "Plant+Key/Abc=Def+Ghi/Jkl=Mno+Pq7";
const redact = createRedactor([KEY]);
const base64 = (text: string) => Buffer.from(text).toString("base64");
const base64url = (text: string) => Buffer.from(text).toString("base64url");

describe("createRedactor", () => {
  it.each<[string, string]>([
    ["as it is", KEY],
    ["lower-cased", KEY.toLowerCase()],
    ["upper-cased", KEY.toUpperCase()],
    ["URL-encoded", encodeURIComponent(KEY)],
    ["URL-encoded with lower-case hex", encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())],
    ["base64-encoded", base64(KEY)],
    ["base64url-encoded", base64url(KEY)],
    ["cut to a 16-character prefix", KEY.slice(0, 16)],
    ["cut to its last 12 characters", KEY.slice(-12)],
  ])("redacts the secret %s, whole", (_, form) => {
    expect(redact(`echo ${form} end`)).toBe("echo [REDACTED] end");
  });

  it.each([0, 1, 2])("redacts a base64 text holding the secret at offset %i of a byte group, leaving only edge characters", (offset) => {
    const encoded = base64(`${"x".repeat(offset)}x-api-key: ${KEY}\n`);
    const redacted = redact(encoded);
    expect(redacted).toContain("[REDACTED]");
    expect(redacted.replace("[REDACTED]", "").length).toBeLessThan(encoded.length - 32);
  });

  it("leaves a run inside the key's public prefix (the vendor's name) alone, but redacts the key whole", () => {
    const onet = createRedactor(["sk-onetsolutions-live-Zq81rXv0Wm3d"]);
    expect(onet("OnetSolutions answered 404 (sk-onetsolutions-)")).toBe("OnetSolutions answered 404 (sk-onetsolutions-)");
    expect(onet("got sk-onetsolutions-live-Zq81rXv0Wm3d")).toBe("got [REDACTED]");
    // Cut short, it is redacted from where the secret part can be reached; the public part stays.
    expect(onet("got sk-onetsolutions-live-Zq81r")).toBe("got sk-onetsolu[REDACTED]");
  });

  it("leaves runs shorter than 12 characters, and unrelated text, as they are", () => {
    const text = `${KEY.slice(0, 11)} and ${KEY.slice(11, 22)}: not the key`;
    expect(redact(text)).toBe(text);
  });

  it("merges overlapping and adjacent occurrences into one marker, and redacts every occurrence", () => {
    expect(redact(`${KEY}${KEY.toLowerCase()} / ${KEY}`)).toBe("[REDACTED] / [REDACTED]");
  });

  it("matches a secret shorter than 12 characters only whole (and ignores one shorter than 4)", () => {
    const short = createRedactor(["Sh0rtKey", "abc"]);
    expect(short(`a sh0rtkey here, and abc, and Sh0rtK`)).toBe("a [REDACTED] here, and abc, and Sh0rtK");
  });

  it("keeps indexes right around characters that lower-case to two code units", () => {
    expect(redact(`\u0130 ${KEY.toLowerCase()} \u0130`)).toBe("\u0130 [REDACTED] \u0130");
  });

  it("is the identity, and costs nothing, without secrets", () => {
    expect(createRedactor([])).toBe(noRedaction);
    expect(createRedactor(["", "ab"])).toBe(noRedaction);
    const value = { a: [KEY] };
    expect(redactValue(value, noRedaction)).toBe(value);
  });

  // About 60 ms a megabyte on an idle machine; the bound leaves room for a loaded CI one.
  it("handles a quarter megabyte of text without a secret in well under a second", () => {
    const text = "lorem ipsum dolor sit amet, consectetur adipiscing elit ".repeat(5_000);
    const started = performance.now();
    expect(redact(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("redactValue", () => {
  it("redacts every string deeply (keys too), sharing what did not change", () => {
    const untouched = { id: 1, tags: ["a"] };
    const value = { message: `bad key ${KEY}`, nested: [{ header: KEY.toLowerCase() }, 42, null], [KEY]: true, untouched };
    const redacted = redactValue(value, redact);
    expect(redacted).toEqual({ message: "bad key [REDACTED]", nested: [{ header: "[REDACTED]" }, 42, null], "[REDACTED]": true, untouched });
    expect(redacted.untouched).toBe(untouched);
    expect(value.message).toContain(KEY);
  });
});

describe("secretsOfCredentials", () => {
  it("gives each header value without its auth scheme, so that a header reads `Bearer [REDACTED]`", () => {
    expect(secretsOfCredentials({ Authorization: "Bearer tok-123456", "x-api-key": "ck_1" })).toEqual(["tok-123456", "ck_1"]);
    expect(createRedactor(secretsOfCredentials({ Authorization: "Bearer tok-123456" }))("Authorization: Bearer tok-123456")).toBe(
      "Authorization: Bearer [REDACTED]",
    );
  });
});
