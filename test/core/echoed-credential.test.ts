// A server that echoes the caller's own credential (as sent, or in another form) gets it into no error
// the client throws or returns: message, stack, requestId, body, toJSON(), the returned `error`.
import { describe, expect, it } from "vitest";
import { type ApiError, AuthenticationError, createCommetClient, NetworkError, unwrap } from "../../src/commet/index.js";
import { createOnetClient } from "../../src/onet/index.js";
import { json, scriptedFetch } from "../helpers/scripted-fetch.js";

const KEY = "ck_live_Echoed+Key/9f8e7d6c5b4a3210";
// Not the `sk-onetsolutions-` shape: its first 16 characters would be only that public prefix.
const TOKEN = "Onet+Echoed/Token=1a2b3c4d5e6f";

const FORMS: [string, (secret: string) => string][] = [
  ["as sent", (secret) => secret],
  ["lower-cased", (secret) => secret.toLowerCase()],
  ["URL-encoded", (secret) => encodeURIComponent(secret)],
  ["base64-encoded", (secret) => Buffer.from(secret).toString("base64")],
  ["cut to a 16-character prefix", (secret) => secret.slice(0, 16)],
];

/** Everything an error can be shown as: its fields, message, stack, JSON, and its cause chain. */
function shown(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current != null && depth < 10; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof Error) parts.push(current.message, String(current), String(current.stack));
    parts.push(JSON.stringify(current) ?? "", JSON.stringify(Object.getOwnPropertyDescriptors(current)));
  }
  return parts.join("\n");
}

/** No run of 12 characters of any of the forms, in any letter case. */
function expectNoRunOf(forms: readonly string[], text: string): void {
  const lower = text.toLowerCase();
  for (const form of forms) for (let start = 0; start + 12 <= form.length; start++) expect(lower).not.toContain(form.slice(start, start + 12).toLowerCase());
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

/** A 401 that quotes the key or token it got, in the body's message, a nested field and x-request-id. */
function echoing(form: (secret: string) => string) {
  return scriptedFetch((request) => {
    const echoed = form(request.headers.get("x-api-key") ?? request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "");
    return json(
      401,
      { success: false, error: { code: "unauthorized", message: `bad key ${echoed}` }, debug: { headers: [echoed] } },
      { "x-request-id": `req-${echoed}` },
    );
  }).fetch;
}

describe.each(FORMS)("a server echoing the key %s", (_, form) => {
  it("gets it into no field of the ApiError from unwrap(), nor its toJSON()", async () => {
    const client = createCommetClient({ apiKey: KEY, fetch: echoing(form) });
    const error = await rejection(client.GET("/addons").then((result) => unwrap(result)));
    expectNoRunOf([KEY, form(KEY)], shown(error));
    expect(error).toBeInstanceOf(AuthenticationError);
    const apiError = error as ApiError;
    expect(apiError.message).toContain("bad key [REDACTED]");
    expect(apiError.requestId).toBe("req-[REDACTED]");
    expect(apiError.body).toEqual({ success: false, error: { code: "unauthorized", message: "bad key [REDACTED]" }, debug: { headers: ["[REDACTED]"] } });
    expect(apiError.toJSON()).toMatchObject({ requestId: "req-[REDACTED]", message: apiError.message });
  });

  it("gets it into neither the thrown error of a throwOnError client nor the returned result's error", async () => {
    const thrown = await rejection(createOnetClient({ token: TOKEN, throwOnError: true, fetch: echoing(form) }).GET("/v1/organizations"));
    expectNoRunOf([TOKEN, form(TOKEN)], shown(thrown));
    expect(thrown).toBeInstanceOf(AuthenticationError);
    expect((thrown as ApiError).requestId).toBe("req-[REDACTED]");
    const { error } = await createOnetClient({ token: TOKEN, fetch: echoing(form) }).GET("/v1/organizations");
    expectNoRunOf([TOKEN, form(TOKEN)], JSON.stringify(error));
  });
});

describe("errors the client builds without a response body", () => {
  it("scrub a 2xx body that is not JSON (invalid_json_response)", async () => {
    const fetch = scriptedFetch(() => new Response(`<html>your key is ${KEY}</html>`, { status: 200, headers: { "content-type": "application/json" } })).fetch;
    const error = await rejection(createCommetClient({ apiKey: KEY, fetch }).GET("/addons"));
    expectNoRunOf([KEY], shown(error));
    expect(error).toMatchObject({ code: "invalid_json_response", body: "<html>your key is [REDACTED]</html>" });
  });

  it("scrub a network error whose cause quotes the key", async () => {
    const cause = new TypeError(`fetch failed: proxy refused x-api-key ${KEY}`);
    const error = await rejection(createCommetClient({ apiKey: KEY, retries: 0, fetch: scriptedFetch(cause).fetch }).GET("/addons"));
    expectNoRunOf([KEY], shown(error));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain("[REDACTED]");
  });
});
