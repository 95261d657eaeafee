// The OnetSolutions factory refuses bad options at construction, naming the option and never the token.
import { describe, expect, it } from "vitest";
import { refusal as refuse } from "../helpers/refusal.js";
import { createOnetClient } from "../../src/onet/index.js";

const TOKEN = "sk-onetsolutions-S3cr3tTokenThatMustNeverLeak";

const refusal = (options: unknown) => refuse(createOnetClient, options);

describe("createOnetClient options", () => {
  it.each([
    ["missing", {}],
    ["empty", { token: "" }],
    ["blank", { token: " \t" }],
    ["not a string", { token: {} }],
  ])("refuses a token that is %s", (_, options) => {
    const error = refusal(options);
    expect(error.option).toBe("token");
    expect(error.message).toContain('"token"');
  });

  it("refuses a bad baseUrl without echoing the token", () => {
    for (const baseUrl of ["api.onetsolutions.net", "/v1", "ws://api.onetsolutions.net"]) {
      const error = refusal({ token: TOKEN, baseUrl });
      expect(error.option).toBe("baseUrl");
      expect(`${error.message} ${String(error)} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(TOKEN);
    }
  });
});

describe("createOnetClient baseUrl", () => {
  it.each(["https://api.onetsolutions.net/v1", "https://api.onetsolutions.net/v1/", "https://gateway.example/onet/V1", "http://127.0.0.1:4010/v1"])(
    "refuses %s at construction: every OnetSolutions path already starts with /v1",
    (baseUrl) => {
      const error = refusal({ token: TOKEN, baseUrl });
      expect(error.option).toBe("baseUrl");
      expect(error.message).toBe('createOnetClient: option "baseUrl" must not end in /v1: every OnetSolutions path already starts with /v1.');
      expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(TOKEN);
    },
  );

  it("takes an origin, or a base path that does not end in /v1", async () => {
    const seen: string[] = [];
    const fetch = async (input: Request | string | URL) => {
      seen.push((input as Request).url);
      return Response.json([]);
    };
    for (const baseUrl of ["https://api.onetsolutions.net", "https://gateway.example/onet", "https://gateway.example/v1x"])
      await createOnetClient({ token: TOKEN, baseUrl, fetch }).GET("/v1/organizations");
    expect(seen).toEqual([
      "https://api.onetsolutions.net/v1/organizations",
      "https://gateway.example/onet/v1/organizations",
      "https://gateway.example/v1x/v1/organizations",
    ]);
  });

  it("refuses a missing options object with a ConfigurationError naming the options", () => {
    expect(refusal(undefined).option).toBe("options");
  });
});

describe("createOnetClient requests", () => {
  it("calls https://api.onetsolutions.net with Authorization: Bearer <token>", async () => {
    let seen: Request | undefined;
    const client = createOnetClient({
      token: TOKEN,
      headers: { authorization: "Bearer someone-else", "x-trace": "t-1" },
      fetch: async (input) => {
        seen = input as Request;
        return Response.json([]);
      },
    });
    await client.GET("/v1/organizations");
    expect(seen!.url).toBe("https://api.onetsolutions.net/v1/organizations");
    expect(seen!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen!.headers.get("x-trace")).toBe("t-1");
  });
});
