// The Cloud Plans factory refuses bad options at construction, naming the option and never the token.
import { describe, expect, it } from "vitest";
import { refusal as refuse } from "../helpers/refusal.js";
import { createCloudPlansClient } from "../../src/cloudplans/index.js";

const TOKEN = "cp-console-S3cr3tTokenThatMustNeverLeak";

const refusal = (options: unknown) => refuse(createCloudPlansClient, options);

function everySerialisation(error: Error): string {
  return `${error.message} ${String(error)} ${JSON.stringify(error)} ${String(error.stack)}`;
}

describe("createCloudPlansClient options", () => {
  it("refuses a missing baseUrl, saying that no host is documented", () => {
    const error = refusal({ token: TOKEN });
    expect(error.option).toBe("baseUrl");
    expect(error.message).toMatch(/"baseUrl" is required/);
    expect(error.message).toMatch(/name no API host/);
    expect(everySerialisation(error)).not.toContain(TOKEN);
  });

  it.each([
    ["not a URL", "api.example.com"],
    ["relative", "/v1"],
    ["another scheme", "ftp://api.example.com"],
    ["ending in /v1", "https://api.example.com/v1"],
  ])("refuses a baseUrl that is %s without echoing the token", (_, baseUrl) => {
    const error = refusal({ token: TOKEN, baseUrl });
    expect(error.option).toBe("baseUrl");
    expect(everySerialisation(error)).not.toContain(TOKEN);
  });

  it.each([
    ["missing", {}],
    ["empty", { token: "" }],
    ["blank", { token: "  " }],
    ["not a string", { token: 42 }],
  ])("refuses a token that is %s", (_, options) => {
    const error = refusal({ baseUrl: "https://cloudplans.test", ...options });
    expect(error.option).toBe("token");
    expect(error.message).toContain('"token"');
  });

  it("refuses a fetch that is not a function and headers that are not strings", () => {
    expect(refusal({ token: TOKEN, baseUrl: "https://cloudplans.test", fetch: "fetch" }).option).toBe("fetch");
    expect(refusal({ token: TOKEN, baseUrl: "https://cloudplans.test", headers: { "x-n": 1 } }).option).toBe("headers");
  });

  it("refuses a non-object with a ConfigurationError naming the options", () => {
    expect(refusal(undefined).option).toBe("options");
  });
});
