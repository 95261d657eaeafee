/**
 * Who may call what: the account a token belongs to, the scopes it carries, and DRF's checks before any
 * view code runs (the format, then the permission), applied to every handler.
 */
import type { operations } from "../../../generated/onet/schema.js";
import type { HandlerRegistry, MockHandler } from "../types.js";
import { onetErrors } from "./errors.js";
import type { OnetState } from "./state.js";

type OperationId = keyof operations;

const API_KEY = /^sk-onetsolutions-[A-Za-z0-9_-]+$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The scope each operation needs. Scope names are the mock's own: the API-keys guide says keys have
 * scopes but does not list them.
 */
const REQUIRED_SCOPE = {
  replaceInstance: "compute:write",
  activateInstanceAddon: "compute:write",
  unsuspendInstance: "compute:write",
  getConsoleSession: "compute:read",
  getComputeTask: "compute:read",
  getInstanceTask: "compute:read",
  deleteImage: "compute:write",
  listWebHosting: "hosting:read",
  orderWebHosting: "hosting:write",
  cancelWebHosting: "hosting:write",
  revokeWebHostingCancellation: "hosting:write",
  getHostingPlan: "hosting:read",
  getDomain: "domains:read",
  setDomainAutoRenew: "domains:write",
  setDomainPrivacy: "domains:write",
  updateDomainContacts: "domains:write",
  listOrganizations: "organizations:read",
} as const satisfies Record<OperationId, string>;

/** DRF renders `?format=json`; a format no renderer knows is a 404 (its content negotiation). */
const FORMATS = new Set(["json"]);

function jwtClaims(token: string): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
    return claims !== null && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : {};
  } catch {
    // An opaque JWT: valid-looking is enough for the mock, with no claims to read.
    return {};
  }
}

/** A JWT with a `scope` claim (space-separated, as in OAuth 2) may do only that; other tokens may do everything. */
function scopesOf(token: string): ReadonlySet<string> | "all" {
  if (!JWT.test(token)) return "all";
  const scope = jwtClaims(token).scope;
  return typeof scope === "string" ? new Set(scope.split(/\s+/).filter(Boolean)) : "all";
}

/**
 * Each account has its own copy of the seed set: an API key is an account, and a JWT is its `sub`
 * claim's account (so a user's tokens with different scopes share data), or its own without one.
 * Undefined for a token that is neither.
 */
export function accountOf(token: string): string | undefined {
  if (API_KEY.test(token)) return `key:${token}`;
  if (!JWT.test(token)) return undefined;
  const subject = jwtClaims(token).sub;
  return typeof subject === "string" && subject !== "" ? `user:${subject}` : `jwt:${token}`;
}

/** DRF's checks before any view code runs: the format, then the permission. */
function guarded(operationId: OperationId, handler: MockHandler<OnetState>): MockHandler<OnetState> {
  return (context) => {
    const format = context.query.format;
    if (format !== undefined && !FORMATS.has(String(format))) throw onetErrors.notFound();
    const scopes = scopesOf(context.principal.credential);
    if (scopes !== "all" && !scopes.has(REQUIRED_SCOPE[operationId])) throw onetErrors.permissionDenied();
    return handler(context);
  };
}

/** Every handler behind DRF's checks. */
export function guardAll(handlers: HandlerRegistry<operations, OnetState>): HandlerRegistry<operations, OnetState> {
  const entries = Object.entries(handlers) as [OperationId, MockHandler<OnetState>][];
  // The keys are the registry's own, so the result has every operation too.
  return Object.fromEntries(entries.map(([operationId, handler]) => [operationId, guarded(operationId, handler)])) as HandlerRegistry<operations, OnetState>;
}
