/**
 * The type of a client created with `throwOnError: true`: every call resolves only to its success
 * branch (`data` is there, `error` is not), because every other outcome throws. Runtime behaviour is in
 * client.ts; this file only narrows openapi-fetch's result types.
 */
import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";

// openapi-fetch's own (unexported) rule for when the init argument is required.
type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

type ThrowingMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<Extract<FetchResponse<Operation<Paths[Path], Method>, Init, "application/json">, { data: unknown }>>;

// The operation object of one method of a path item, as openapi-fetch's FetchResponse wants it.
type Operation<PathItem, Method extends HttpMethod> = PathItem extends { [M in Method]: infer Op extends Record<string | number, any> } ? Op : never;

export type ThrowingClient<Paths extends {}> = Omit<Client<Paths, "application/json">, "GET" | "PUT" | "POST" | "DELETE" | "PATCH"> & {
  GET: ThrowingMethod<Paths, "get">;
  PUT: ThrowingMethod<Paths, "put">;
  POST: ThrowingMethod<Paths, "post">;
  DELETE: ThrowingMethod<Paths, "delete">;
  PATCH: ThrowingMethod<Paths, "patch">;
};
