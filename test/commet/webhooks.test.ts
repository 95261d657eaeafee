// Issue 15, item 2: verifyWebhook / parseWebhook. Signatures made with node:crypto verify; the official
// SDK (@commet/node 7.10.0, `Webhooks.verify`) and verifyWebhook give the same answer on a table of
// signatures, bodies and secrets, and on random ones; parseWebhook returns the spec's typed event and
// refuses, with the reason and without the secret or signature in the message, what it must.
// `npm run typecheck` checks the type assertions here too.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { Webhooks } from "@commet/node";
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  COMMET_WEBHOOK_EVENT_NAMES,
  ConfigurationError,
  parseWebhook,
  verifyWebhook,
  WebhookVerificationError,
  type CommetComponents,
  type CommetWebhookEvent,
  type CommetWebhookEventName,
  type CommetWebhookEventOf,
  type VerifyWebhookParams,
  type WebhookVerificationReason,
} from "../../src/commet/index.js";
import { getDocument } from "../../src/spec/document.js";

const SECRET = "whsec_S3cr3tValueThatMustNeverLeak0123456789";
const NOW = Date.parse("2026-06-18T09:12:00.000Z");

const sign = (payload: string | Uint8Array, secret = SECRET) => createHmac("sha256", secret).update(payload).digest("hex");

function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "whev_8AzNvGSAZJw0YBOUMTn9vM1V",
    event: "addon.activated",
    timestamp: "2026-06-18T09:12:00.000Z",
    organizationId: "org_abc123",
    mode: "live",
    apiVersion: "2026-07-11",
    data: {
      subscriptionId: "sub_1a2b3c4d",
      customerId: "user_123",
      addon: { id: "addon_5e6f7g8h", name: "Extra Storage" },
      featureCode: "storage",
      proratedPrice: 25000,
      currency: "usd",
    },
    ...overrides,
  };
}

const BODY = JSON.stringify(envelope());
const SIGNATURE = sign(BODY);
const UNICODE_BODY = JSON.stringify(envelope({ organizationId: "org_ñandú_日本_🚀", data: { note: "café — ü \u2028 \ud83d\ude00" } }));
const LONE_SURROGATE_BODY = `{"x":"\ud800"}`;

/** The official SDK's answer; bytes go to it as a Buffer (its type says string, its code takes both). */
function sdkVerify(payload: string | Uint8Array | ArrayBuffer, signature: string | null, secret: string): boolean {
  const asNode = typeof payload === "string" ? payload : Buffer.from(payload instanceof ArrayBuffer ? new Uint8Array(payload) : payload);
  return new Webhooks().verify({ payload: asNode as string, signature, secret });
}

const bytes = (text: string) => new TextEncoder().encode(text);

interface Case {
  name: string;
  payload: string | Uint8Array | ArrayBuffer;
  signature: string | null;
  secret?: string;
  /** What both must answer. */
  expected: boolean;
}

const CASES: Case[] = [
  { name: "valid", payload: BODY, signature: SIGNATURE, expected: true },
  { name: "tampered body", payload: BODY.replace("25000", "25001"), signature: SIGNATURE, expected: false },
  { name: "body with an added trailing newline", payload: `${BODY}\n`, signature: SIGNATURE, expected: false },
  { name: "wrong secret", payload: BODY, signature: SIGNATURE, secret: "whsec_another", expected: false },
  {
    name: "secret without its whsec_ prefix (the prefix is part of the key)",
    payload: BODY,
    signature: SIGNATURE,
    secret: SECRET.slice("whsec_".length),
    expected: false,
  },
  { name: "signed with the secret's prefix stripped", payload: BODY, signature: sign(BODY, SECRET.slice("whsec_".length)), expected: false },
  { name: "signature in upper-case hex", payload: BODY, signature: SIGNATURE.toUpperCase(), expected: true },
  {
    name: "signature in mixed-case hex",
    payload: BODY,
    signature: SIGNATURE.replace(/[a-f]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c)),
    expected: true,
  },
  { name: "signature with leading whitespace", payload: BODY, signature: ` ${SIGNATURE}`, expected: false },
  { name: "signature with trailing whitespace", payload: BODY, signature: `${SIGNATURE} `, expected: true },
  { name: "signature with a trailing newline", payload: BODY, signature: `${SIGNATURE}\n`, expected: true },
  { name: "signature with whitespace inside", payload: BODY, signature: `${SIGNATURE.slice(0, 32)} ${SIGNATURE.slice(32)}`, expected: false },
  { name: "signature with a sha256= prefix", payload: BODY, signature: `sha256=${SIGNATURE}`, expected: false },
  { name: "signature with a 0x prefix", payload: BODY, signature: `0x${SIGNATURE}`, expected: false },
  { name: "empty signature", payload: BODY, signature: "", expected: false },
  { name: "no signature (null)", payload: BODY, signature: null, expected: false },
  { name: "non-hex signature", payload: BODY, signature: "z".repeat(64), expected: false },
  {
    name: "signature of the right length, one digit wrong",
    payload: BODY,
    signature: SIGNATURE.slice(0, 63) + (SIGNATURE.endsWith("0") ? "1" : "0"),
    expected: false,
  },
  { name: "wrong length: truncated to 62 digits", payload: BODY, signature: SIGNATURE.slice(0, 62), expected: false },
  { name: "wrong length: 63 digits", payload: BODY, signature: SIGNATURE.slice(0, 63), expected: false },
  { name: "wrong length: an extra hex pair (66 digits)", payload: BODY, signature: `${SIGNATURE}00`, expected: false },
  { name: "wrong length: an extra hex digit (65, the odd one is dropped)", payload: BODY, signature: `${SIGNATURE}0`, expected: true },
  { name: "trailing non-hex garbage", payload: BODY, signature: `${SIGNATURE}zz`, expected: true },
  { name: "a SHA-256 of the body, not an HMAC", payload: BODY, signature: createHmac("sha256", "").update(BODY).digest("hex"), expected: false },
  {
    name: "a non-Latin-1 character whose low byte is a hex digit (U+0161 reads as 'a')",
    payload: BODY,
    signature: SIGNATURE.replace(/a/, "\u0161"),
    expected: SIGNATURE.includes("a"),
  },
  {
    name: "a fullwidth digit (low byte not hex)",
    payload: BODY,
    signature: SIGNATURE.replace(/\d/, (d) => String.fromCharCode(0xff10 + Number(d))),
    expected: false,
  },
  { name: "bytes payload (Uint8Array)", payload: bytes(BODY), signature: SIGNATURE, expected: true },
  { name: "bytes payload (ArrayBuffer)", payload: bytes(BODY).buffer, signature: SIGNATURE, expected: true },
  { name: "bytes payload (Buffer, a view into a larger pool)", payload: Buffer.from(BODY), signature: SIGNATURE, expected: true },
  { name: "bytes payload, tampered", payload: bytes(BODY.replace("live", "sand")), signature: SIGNATURE, expected: false },
  { name: "unicode body as a string", payload: UNICODE_BODY, signature: sign(UNICODE_BODY), expected: true },
  { name: "unicode body as bytes", payload: bytes(UNICODE_BODY), signature: sign(UNICODE_BODY), expected: true },
  { name: "unicode body signed as Latin-1 bytes", payload: UNICODE_BODY, signature: sign(Buffer.from(UNICODE_BODY, "latin1")), expected: false },
  { name: "a lone surrogate in the body (both encode it as U+FFFD)", payload: LONE_SURROGATE_BODY, signature: sign(LONE_SURROGATE_BODY), expected: true },
  { name: "unicode secret", payload: BODY, signature: sign(BODY, "whsec_clé_🔑"), secret: "whsec_clé_🔑", expected: true },
  { name: "secret of blanks (a key like any other)", payload: BODY, signature: sign(BODY, "   "), secret: "   ", expected: true },
  {
    name: "secret longer than SHA-256's block",
    payload: BODY,
    signature: sign(BODY, `whsec_${"k".repeat(200)}`),
    secret: `whsec_${"k".repeat(200)}`,
    expected: true,
  },
  { name: "empty secret", payload: BODY, signature: sign(BODY, ""), secret: "", expected: false },
  { name: "empty body", payload: "", signature: sign(""), expected: false },
];

describe("verifyWebhook", () => {
  it("verifies a body signed with node:crypto's createHmac, as a string and as bytes", async () => {
    expect(await verifyWebhook({ payload: BODY, signature: SIGNATURE, secret: SECRET })).toBe(true);
    expect(await verifyWebhook({ payload: bytes(BODY), signature: SIGNATURE, secret: SECRET })).toBe(true);
    expect(await verifyWebhook({ payload: BODY, signature: sign(`${BODY} `), secret: SECRET })).toBe(false);
  });

  it.each(CASES)("agrees with the official SDK: $name", async ({ payload, signature, secret = SECRET, expected }) => {
    const ours = await verifyWebhook({ payload, signature, secret });
    const sdk = sdkVerify(payload, signature, secret);
    expect({ ours, sdk }).toEqual({ ours: sdk, sdk: expected });
  });

  it("refuses an empty body given as bytes, as the SDK refuses it as a string", async () => {
    expect(sdkVerify("", sign(""), SECRET)).toBe(false);
    // The SDK's `!payload` lets an empty Buffer through (its type takes strings only): the one difference.
    expect(sdkVerify(new Uint8Array(0), sign(""), SECRET)).toBe(true);
    expect(await verifyWebhook({ payload: new Uint8Array(0), signature: sign(""), secret: SECRET })).toBe(false);
    expect(await verifyWebhook({ payload: new ArrayBuffer(0), signature: sign(""), secret: SECRET })).toBe(false);
  });

  it("answers false, as the SDK does, for inputs of the wrong type", async () => {
    const odd: [unknown, unknown, unknown][] = [
      [42, SIGNATURE, SECRET],
      [{ body: BODY }, SIGNATURE, SECRET],
      [BODY, 42, SECRET],
      [BODY, [SIGNATURE], SECRET],
      [BODY, undefined, SECRET],
      [BODY, SIGNATURE, undefined],
      [BODY, SIGNATURE, 42],
    ];
    for (const [payload, signature, secret] of odd) {
      const params = { payload, signature, secret } as unknown as VerifyWebhookParams;
      expect(await verifyWebhook(params)).toBe(false);
      expect(new Webhooks().verify(params as unknown as Parameters<Webhooks["verify"]>[0])).toBe(false);
    }
  });

  it("agrees with the official SDK on random signatures around the right one", async () => {
    const noise = fc.string({ unit: "binary", maxLength: 6 });
    const variant = fc.constantFrom(SIGNATURE, SIGNATURE.toUpperCase(), SIGNATURE.slice(0, 63), SIGNATURE.slice(1), sign(`${BODY}x`), "");
    await fc.assert(
      fc.asyncProperty(noise, variant, noise, async (before, core, after) => {
        const signature = before + core + after;
        expect(await verifyWebhook({ payload: BODY, signature, secret: SECRET })).toBe(sdkVerify(BODY, signature, SECRET));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the official SDK on random bodies and secrets", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 40 }),
        fc.string({ unit: "binary", maxLength: 20 }),
        fc.boolean(),
        async (body, secret, asBytes) => {
          const signature = createHmac("sha256", secret).update(body).digest("hex");
          const payload = asBytes ? bytes(body) : body;
          const ours = await verifyWebhook({ payload, signature, secret });
          // An empty body as bytes is the one documented difference (see the test above): compare with the SDK given it as a string.
          expect(ours).toBe(sdkVerify(body === "" ? body : payload, signature, secret));
          expect(ours).toBe(body !== "" && secret !== "");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("with toleranceMs, also refuses a stale, far-future or unreadable timestamp", async () => {
    const at = (timestamp: unknown) => {
      const payload = JSON.stringify(envelope({ timestamp }));
      return verifyWebhook({ payload, signature: sign(payload), secret: SECRET, toleranceMs: 300_000, now: () => NOW });
    };
    expect(await at("2026-06-18T09:12:00.000Z")).toBe(true);
    expect(await at("2026-06-18T09:07:00.000Z")).toBe(true); // exactly the tolerance
    expect(await at("2026-06-18T09:06:59.999Z")).toBe(false);
    expect(await at("2026-06-18T09:17:00.001Z")).toBe(false);
    expect(await at("yesterday")).toBe(false);
    expect(await at(1_781_773_920_000)).toBe(false);
    const notJson = "not json";
    expect(await verifyWebhook({ payload: notJson, signature: sign(notJson), secret: SECRET, toleranceMs: 1000 })).toBe(false);
  });
});

async function failure(params: Partial<VerifyWebhookParams> & { payload: string | Uint8Array }): Promise<WebhookVerificationError> {
  const signature = params.signature === undefined ? sign(params.payload) : params.signature;
  try {
    await parseWebhook({ secret: SECRET, ...params, signature });
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
  throw new Error("expected parseWebhook to refuse the delivery");
}

const signed = (overrides: Record<string, unknown>) => JSON.stringify(envelope(overrides));

/** Every refusal, by reason; the secret and the signature are put where a careless message would echo them. */
const REFUSALS: [WebhookVerificationReason, string, () => Promise<WebhookVerificationError>][] = [
  ["signature", "a wrong signature", () => failure({ payload: BODY, signature: sign(BODY, "whsec_other") })],
  ["signature", "a signature made with the secret as the body", () => failure({ payload: BODY, signature: sign(SECRET) })],
  ["signature", "no signature", () => failure({ payload: BODY, signature: null })],
  ["signature", "an empty secret", () => failure({ payload: BODY, secret: "" })],
  ["signature", "an empty body", () => failure({ payload: "" })],
  ["signature", "a non-hex signature", () => failure({ payload: BODY, signature: SECRET })],
  ["json", "a signed body that is not JSON (and holds the secret)", () => failure({ payload: `oops ${SECRET}` })],
  ["json", "a truncated JSON body", () => failure({ payload: BODY.slice(0, -1) })],
  ["json", "bytes that are not UTF-8", () => failure({ payload: new Uint8Array([0x7b, 0xff, 0x7d]) })],
  ["json", "a body with a byte order mark", () => failure({ payload: `\ufeff${BODY}` })],
  ["shape", "an array", () => failure({ payload: "[]" })],
  ["shape", "null", () => failure({ payload: "null" })],
  ["shape", "a string", () => failure({ payload: JSON.stringify(SECRET) })],
  ["shape", "no id", () => failure({ payload: signed({ id: undefined }) })],
  ["shape", "a numeric id", () => failure({ payload: signed({ id: 7 }) })],
  ["shape", "no event", () => failure({ payload: signed({ event: undefined }) })],
  ["shape", "an event the spec does not describe", () => failure({ payload: signed({ event: "payment.received" }) })],
  ["shape", "an event that is the secret", () => failure({ payload: signed({ event: SECRET }) })],
  ["shape", "a non-date timestamp", () => failure({ payload: signed({ timestamp: SECRET }) })],
  ["shape", "a timestamp without a zone", () => failure({ payload: signed({ timestamp: "2026-06-18T09:12:00" }) })],
  ["shape", "a numeric timestamp", () => failure({ payload: signed({ timestamp: NOW }) })],
  ["shape", "no organizationId", () => failure({ payload: signed({ organizationId: undefined }) })],
  ["shape", "an unknown mode", () => failure({ payload: signed({ mode: "test" }) })],
  ["shape", "an apiVersion that is not a date", () => failure({ payload: signed({ apiVersion: "v2" }) })],
  ["shape", "no data", () => failure({ payload: signed({ data: undefined }) })],
  ["shape", "null data", () => failure({ payload: signed({ data: null }) })],
  ["shape", "array data", () => failure({ payload: signed({ data: [] }) })],
  ["stale", "a timestamp older than the tolerance", () => failure({ payload: BODY, toleranceMs: 60_000, now: () => NOW + 60_001 })],
  ["stale", "a timestamp further in the future than the tolerance", () => failure({ payload: BODY, toleranceMs: 60_000, now: () => NOW - 60_001 })],
  ["stale", "any age with a zero tolerance", () => failure({ payload: BODY, toleranceMs: 0, now: () => NOW + 1 })],
];

describe("parseWebhook", () => {
  it("returns the typed event, narrowed on its name", async () => {
    const event = await parseWebhook({ payload: BODY, signature: SIGNATURE, secret: SECRET });
    expect(event).toEqual(envelope());
    expectTypeOf(event).toEqualTypeOf<CommetWebhookEvent>();
    expectTypeOf(event.event).toEqualTypeOf<CommetWebhookEventName>();
    if (event.event === "addon.activated") {
      expectTypeOf(event).toEqualTypeOf<CommetComponents["schemas"]["AddonActivatedEvent"]>();
      expectTypeOf(event).toEqualTypeOf<CommetWebhookEventOf<"addon.activated">>();
      expectTypeOf(event.data).toExtend<CommetComponents["schemas"]["AddonActivatedData"]>();
      expectTypeOf(event.data.proratedPrice).toEqualTypeOf<CommetComponents["schemas"]["AddonActivatedData"]["proratedPrice"]>();
      expectTypeOf(event.data.addon).toEqualTypeOf<CommetComponents["schemas"]["WebhookAddonRef"]>();
      expect(event.data.addon.name).toBe("Extra Storage");
    } else {
      throw new Error("expected addon.activated");
    }
    // Each delivery type is the spec's request body for that webhook.
    expectTypeOf<CommetWebhookEventOf<"subscription.canceled">>().toEqualTypeOf<CommetComponents["schemas"]["SubscriptionCanceledEvent"]>();
    // @ts-expect-error not an event of the spec
    expectTypeOf<CommetWebhookEventOf<"payment.received">>().toBeNever();
  });

  it("keeps fields it does not know, in the envelope and in data", async () => {
    const payload = signed({ extra: 1, data: { customerId: "user_123", later: true } });
    expect(await parseWebhook({ payload: bytes(payload), signature: sign(payload), secret: SECRET })).toMatchObject({ extra: 1, data: { later: true } });
  });

  it("parses a unicode body, as a string and as bytes", async () => {
    for (const payload of [UNICODE_BODY, bytes(UNICODE_BODY), bytes(UNICODE_BODY).buffer]) {
      const event = await parseWebhook({ payload, signature: sign(UNICODE_BODY), secret: SECRET });
      expect(event.organizationId).toBe("org_ñandú_日本_🚀");
    }
  });

  it.each(REFUSALS)("refuses with reason %s: %s", async (reason, _, refuse) => {
    const error = await refuse();
    expect(error.reason).toBe(reason);
    expect(error.name).toBe("WebhookVerificationError");
    expect(error.message).toMatch(/^Commet webhook: /);
  });

  it("never puts the secret, the signature or the body in a message", async () => {
    for (const [, name, refuse] of REFUSALS) {
      const error = await refuse();
      const text = `${error.message} ${String(error.stack)} ${JSON.stringify(error)} ${String(error.cause)}`;
      expect(text, name).not.toContain(SECRET);
      expect(text, name).not.toContain(SECRET.slice("whsec_".length));
      expect(text, name).not.toContain(SIGNATURE);
      expect(text, name).not.toContain("sub_1a2b3c4d");
    }
  });

  it("names the unknown event when it looks like one, and the field at fault", async () => {
    expect((await failure({ payload: signed({ event: "payment.received" }) })).message).toContain('"payment.received" is not one of the spec\'s');
    expect((await failure({ payload: signed({ mode: "test" }) })).message).toContain('"mode"');
    expect((await failure({ payload: signed({ id: undefined }) })).message).toContain('"id" is missing');
  });

  it("with toleranceMs, accepts fresh events at both edges and refuses older or later ones", async () => {
    const parse = (now: number) => parseWebhook({ payload: BODY, signature: SIGNATURE, secret: SECRET, toleranceMs: 60_000, now: () => now });
    for (const now of [NOW, NOW + 60_000, NOW - 60_000, NOW + 1]) await expect(parse(now)).resolves.toMatchObject({ id: "whev_8AzNvGSAZJw0YBOUMTn9vM1V" });
    for (const now of [NOW + 60_001, NOW - 60_001, NOW + 86_400_000]) await expect(parse(now)).rejects.toMatchObject({ reason: "stale" });
    // Offsets other than Z count by the instant they name.
    const offset = signed({ timestamp: "2026-06-18T11:12:00.000+02:00" });
    await expect(parseWebhook({ payload: offset, signature: sign(offset), secret: SECRET, toleranceMs: 0, now: () => NOW })).resolves.toBeDefined();
  });

  it("checks the signature before anything else, and the shape before the age", async () => {
    await expect(parseWebhook({ payload: "not json", signature: SIGNATURE, secret: SECRET })).rejects.toMatchObject({ reason: "signature" });
    const badShape = signed({ mode: "test", timestamp: "2000-01-01T00:00:00Z" });
    await expect(parseWebhook({ payload: badShape, signature: sign(badShape), secret: SECRET, toleranceMs: 1, now: () => NOW })).rejects.toMatchObject({
      reason: "shape",
    });
  });

  it("refuses an invalid toleranceMs or now with a ConfigurationError, in both functions", async () => {
    for (const fn of [parseWebhook, verifyWebhook] as const) {
      for (const toleranceMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, "60000"]) {
        await expect(fn({ payload: BODY, signature: SIGNATURE, secret: SECRET, toleranceMs: toleranceMs as number })).rejects.toMatchObject({
          option: "toleranceMs",
        });
      }
      await expect(fn({ payload: BODY, signature: SIGNATURE, secret: SECRET, toleranceMs: 1, now: 5 as unknown as () => number })).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(fn({ payload: BODY, signature: SIGNATURE, secret: SECRET, toleranceMs: 1, now: () => Number.NaN })).rejects.toMatchObject({ option: "now" });
    }
  });
});

describe("COMMET_WEBHOOK_EVENT_NAMES", () => {
  const spec = getDocument("commet") as unknown as { webhooks?: Record<string, unknown> };

  it("are the spec's webhook keys", (context) => {
    if (!spec.webhooks) context.skip("generated/commet/openapi.json has no `webhooks` section yet: run `npm run generate` once the spec has one");
    expect([...COMMET_WEBHOOK_EVENT_NAMES].sort()).toEqual(Object.keys(spec.webhooks ?? {}).sort());
  });

  it("are the keys of the generated `webhooks` type", () => {
    expectTypeOf<(typeof COMMET_WEBHOOK_EVENT_NAMES)[number]>().toEqualTypeOf<CommetWebhookEventName>();
    const event: CommetWebhookEventName = COMMET_WEBHOOK_EVENT_NAMES[0]!;
    expect(COMMET_WEBHOOK_EVENT_NAMES).toContain(event);
  });

  it("keep the webhook module free of node: imports and of the bundled spec", () => {
    const source = readFileSync(new URL("../../src/commet/webhooks.ts", import.meta.url), "utf8");
    const imports = [...source.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[0]);
    expect(imports).toEqual([
      'import type { webhooks } from "../../generated/commet/schema.js";',
      'import { ConfigurationError } from "../core/errors/configuration-error.js";',
      'import { SpecwrightError } from "../core/errors/specwright-error.js";',
    ]);
  });
});
