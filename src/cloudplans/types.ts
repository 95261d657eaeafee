/**
 * The Cloud Plans client's view of the generated `paths`: on an operation whose `action` enum has one
 * value, `action` becomes optional (the client fills it in), and so does `query` when nothing else in
 * it is required. Operations with several actions keep `action` required.
 */
import type { paths } from "../../generated/cloudplans/schema.js";

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;
type IsUnion<T> = [T] extends [UnionToIntersection<T>] ? false : true;
// biome-ignore lint/complexity/noBannedTypes: `{}` here is the empty object type: a key is optional exactly when `{}` is assignable to `Pick<T, K>`.
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ActionOptional<Query extends { action: string }> = Simplify<Omit<Query, "action"> & { action?: Query["action"] }>;

type FillAction<Operation> = Operation extends { parameters: infer Parameters extends { query: { action: string } } }
  ? IsUnion<Parameters["query"]["action"]> extends true
    ? Operation
    : Simplify<
        Omit<Operation, "parameters"> & {
          parameters: Simplify<
            Omit<Parameters, "query"> &
              ([RequiredKeys<Omit<Parameters["query"], "action">>] extends [never]
                ? { query?: ActionOptional<Parameters["query"]> }
                : { query: ActionOptional<Parameters["query"]> })
          >;
        }
      >
  : Operation;

export type CloudPlansPaths = { [Path in keyof paths]: { [Method in keyof paths[Path]]: FillAction<paths[Path][Method]> } };
