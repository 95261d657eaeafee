/**
 * The dereferenced OpenAPI documents (generated/<api>/openapi.json), typed just enough for the mock
 * servers and the contract runner. Nothing else reads a spec; the clients use the generated types.
 */
import commet from "../../generated/commet/openapi.json" with { type: "json" };
import onet from "../../generated/onet/openapi.json" with { type: "json" };
import cloudplans from "../../generated/cloudplans/openapi.json" with { type: "json" };
import type { ApiName } from "./apis.js";

export type JsonSchema = Record<string, unknown>;

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { schema?: JsonSchema; required?: boolean }>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
}

export type PathItemObject = { parameters?: ParameterObject[] } & Partial<Record<HttpMethod, OperationObject>>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, PathItemObject>;
  /** OAS 3.1: what the vendor sends to the user's endpoints, by event name (Commet's webhooks). */
  webhooks?: Record<string, PathItemObject>;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const documents: Record<ApiName, OpenApiDocument> = {
  commet: commet as unknown as OpenApiDocument,
  onet: onet as unknown as OpenApiDocument,
  cloudplans: cloudplans as unknown as OpenApiDocument,
};

export function getDocument(api: ApiName): OpenApiDocument {
  return documents[api];
}

/** Where the dereferenced document lives on disk, for tools (dredd) that read a file. */
export function documentPath(api: ApiName): string {
  return new URL(`../../generated/${api}/openapi.json`, import.meta.url).pathname;
}

/**
 * The first server's URL with its variables set to their defaults (`https://{host}` has no usable
 * URL otherwise): the mock servers take their base path from it.
 */
export function defaultServerUrl(api: ApiName): URL {
  const server = getDocument(api).servers[0];
  if (!server) return new URL("http://localhost/");
  return new URL(server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? name));
}
