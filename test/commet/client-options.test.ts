// The Commet factory refuses bad options at construction, naming the option and never the key.
import { describe, expect, it } from "vitest";
import { refusal as refuse } from "../helpers/refusal.js";
import { COMMET_API_VERSION, createCommetClient } from "../../src/commet/index.js";

const SECRET = "ck_live_S3cr3tValueThatMustNeverLeak";

const refusal = (options: unknown) => refuse(createCommetClient, options);

describe("createCommetClient options", () => {
  it.each([
    ["missing", {}],
    ["empty", { apiKey: "" }],
    ["blank", { apiKey: "   " }],
    ["not a string", { apiKey: 42 }],
  ])("refuses an apiKey that is %s", (_, options) => {
    const error = refusal(options);
    expect(error.option).toBe("apiKey");
    expect(error.message).toContain('"apiKey"');
  });

  it.each([
    ["relative", "/api/v1"],
    ["not a URL", "commet.co/api/v1"],
    ["another scheme", "ftp://commet.co/api/v1"],
    ["with a query", "https://commet.co/api/v1?x=1"],
    ["a number", 8080],
  ])("refuses a baseUrl that is %s, without echoing the key", (_, baseUrl) => {
    const error = refusal({ apiKey: SECRET, baseUrl });
    expect(error.option).toBe("baseUrl");
    expect(error.message).toContain('"baseUrl"');
    expect(`${error.message} ${String(error)} ${JSON.stringify(error)}`).not.toContain(SECRET);
  });

  it("does not echo a key pasted into the wrong option", () => {
    const error = refusal({ apiKey: "ck_sandbox_ok", baseUrl: SECRET, apiVersion: SECRET });
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(SECRET);
    expect(error.message).toContain("a string of");
  });

  it("refuses a malformed apiVersion, a non-function fetch and non-string headers", () => {
    expect(refusal({ apiKey: SECRET, apiVersion: "July 2026" }).option).toBe("apiVersion");
    expect(refusal({ apiKey: SECRET, fetch: "fetch" }).option).toBe("fetch");
    expect(refusal({ apiKey: SECRET, headers: { "x-trace": 1 } }).option).toBe("headers");
    expect(refusal({ apiKey: SECRET, headers: ["x-trace"] }).option).toBe("headers");
  });

  it("refuses a missing options object with a ConfigurationError naming the options", () => {
    const error = refusal(undefined);
    expect(error.option).toBe("options");
    expect(error.message).toMatch(/apiKey/);
  });
});

describe("createCommetClient requests", () => {
  async function capture(options: Partial<Parameters<typeof createCommetClient>[0]> = {}): Promise<Request> {
    let seen: Request | undefined;
    const client = createCommetClient({
      apiKey: SECRET,
      fetch: async (input) => {
        seen = input as Request;
        return Response.json({ success: true, data: [], hasMore: false });
      },
      ...options,
    });
    await client.GET("/addons");
    return seen!;
  }

  it("calls https://commet.co/api/v1 by default with x-api-key and the pinned commet-version", async () => {
    const request = await capture();
    expect(request.url).toBe("https://commet.co/api/v1/addons");
    expect(request.headers.get("x-api-key")).toBe(SECRET);
    expect(request.headers.get("commet-version")).toBe(COMMET_API_VERSION);
  });

  it("uses the given baseUrl (trailing slash or not), apiVersion and extra headers", async () => {
    const request = await capture({ baseUrl: "http://127.0.0.1:9/api/v1/", apiVersion: "2026-08-01", headers: { "x-trace": "t-1" } });
    expect(request.url).toBe("http://127.0.0.1:9/api/v1/addons");
    expect(request.headers.get("commet-version")).toBe("2026-08-01");
    expect(request.headers.get("x-trace")).toBe("t-1");
  });

  it("does not let an extra header replace the API key", async () => {
    const request = await capture({ headers: { "X-Api-Key": "ck_other" } });
    expect(request.headers.get("x-api-key")).toBe(SECRET);
  });
});
