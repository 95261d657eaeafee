// The OnetSolutions factory refuses bad options at construction, naming the option and never the token.
import { describe, expect, it } from "vitest";
import { refusal as refuse } from "../helpers/refusal.js";
import { ConfigurationError, createOnetClient } from "../../src/onet/index.js";

const TOKEN = "sk-onetsolutions-S3cr3tTokenThatMustNeverLeak";

const refusal = (options: unknown) => refuse(createOnetClient, options);

describe("createOnetClient options", () => {
  it.each([["missing", {}], ["empty", { token: "" }], ["blank", { token: " \t" }], ["not a string", { token: {} }]])(
    "refuses a token that is %s",
    (_, options) => {
      const error = refusal(options);
      expect(error.option).toBe("token");
      expect(error.message).toContain('"token"');
    },
  );

  it("refuses a bad baseUrl without echoing the token", () => {
    for (const baseUrl of ["api.onetsolutions.net", "/v1", "ws://api.onetsolutions.net"]) {
      const error = refusal({ token: TOKEN, baseUrl });
      expect(error.option).toBe("baseUrl");
      expect(`${error.message} ${String(error)} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain(TOKEN);
    }
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
