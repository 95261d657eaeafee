/**
 * Before a live run sends hundreds of cases: one authenticated read, so that a server that cannot be
 * reached, a TLS failure or refused credentials end the run at once with one line that says which,
 * instead of every case failing with the same network error.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { JsonSchema, ParameterObject } from "../spec/document.js";
import type { ApiName } from "../spec/apis.js";
import { getOperations, type Operation } from "../spec/operations.js";

/** Why a live run cannot start; `undefined` when the server answered the probe with anything but 401. */
export interface PreflightProblem {
  kind: "unreachable" | "tls" | "credentials";
  message: string;
}

/** Node's TLS error codes (OpenSSL's verification errors and Node's own ERR_TLS_*). */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_OSSL_)/;

/** How long the probe waits for an answer: long enough for a slow sandbox, short of a hang. */
const PROBE_TIMEOUT_MS = 30_000;

/**
 * The probe: the API's first GET without path parameters, its required query parameters filled from
 * their schema (const, first enum value, default, else the example). Reads only, whatever `--allow-writes` says.
 */
export function probeOperation(api: ApiName): { operation: Operation; query: URLSearchParams } | undefined {
  for (const operation of getOperations(api).operations) {
    if (operation.method !== "get" || operation.parameters.some((parameter) => parameter.in === "path")) continue;
    const query = new URLSearchParams();
    const required = operation.parameters.filter((parameter) => parameter.in === "query" && parameter.required);
    const values = required.map((parameter) => [parameter.name, sampleValue(parameter)] as const);
    if (values.some(([, value]) => value === undefined)) continue;
    for (const [name, value] of values) query.set(name, String(value));
    return { operation, query };
  }
  return undefined;
}

function sampleValue(parameter: ParameterObject): unknown {
  const schema = (parameter.schema ?? {}) as JsonSchema & { example?: unknown; default?: unknown; enum?: unknown[]; const?: unknown };
  // The spec's own constraints first: an example value is the last resort.
  return schema.const ?? schema.enum?.[0] ?? schema.default ?? parameter.example ?? schema.example;
}

/**
 * Sends the probe to `baseUrl` with the run's credentials. `credentialSource` names where they came
 * from (the environment variable), for the message on a 401. `send` is a test seam.
 */
export async function preflight(
  api: ApiName,
  baseUrl: string,
  credentials: Record<string, string>,
  credentialSource: string,
  send: ProbeSender = sendOnce,
): Promise<PreflightProblem | undefined> {
  const probe = probeOperation(api);
  if (!probe) return undefined;
  const search = probe.query.toString();
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}${probe.operation.path}${search ? `?${search}` : ""}`);
  let status: number;
  try {
    status = await send(url, credentials);
  } catch (error) {
    return describeFailure(error, url.host);
  }
  if (status === 401) {
    return {
      kind: "credentials",
      message: `${url.host} refused the credentials from ${credentialSource}: 401 on GET ${probe.operation.path} (${probe.operation.operationId}); check the key and that it belongs to this server.`,
    };
  }
  return undefined;
}

/** Sends one GET and resolves to its status; rejects with the socket's or TLS layer's error. */
export type ProbeSender = (url: URL, headers: Record<string, string>) => Promise<number>;

/**
 * On a connection of its own (`agent: false`), closed afterwards: a keep-alive socket left in the
 * shared pool would be picked up by the run's first write after dredd has blocked the event loop
 * compiling the spec, when the server may have closed it (a POST is not retried).
 */
const sendOnce: ProbeSender = (url, headers) =>
  new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      { method: "GET", headers, agent: false, timeout: PROBE_TIMEOUT_MS },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("timeout", () => request.destroy(Object.assign(new Error(`no answer in ${PROBE_TIMEOUT_MS / 1000} s`), { code: "ETIMEDOUT" })));
    request.on("error", reject);
    request.end();
  });

function describeFailure(error: unknown, where: string): PreflightProblem {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (typeof code === "string" && TLS_CODE.test(code)) return { kind: "tls", message: `${where}: TLS error (${code}: ${detail}); nothing was sent.` };
  // Node's messages repeat the code ("connect ECONNREFUSED 127.0.0.1:9"): say it once, first.
  const reason = typeof code === "string" ? `${code}: ${detail.replace(new RegExp(`\\b${code}\\b\\s*`), "")}` : detail;
  return { kind: "unreachable", message: `${where} is unreachable (${reason}).` };
}
