/**
 * The `action` of every Cloud Plans path and method that has exactly one, as data: the client sends
 * it when the caller does not. `POST /v1/organizations/billing/update` has four, so it is not here;
 * its caller names one (see billing.ts). test/cloudplans/actions.test.ts keeps this table equal to
 * the spec's `action` enums.
 */
export const SINGLE_ACTIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "/v1/organizations/list": { get: "list" },
  "/v1/organizations/create": { post: "create" },
  "/v1/organizations/update": { post: "update" },
  "/v1/organizations/billing/describe": { get: "getorganization" },
  "/v1/organizations/billing/history": { get: "list_billing" },
  "/v1/organizations/users/list": { get: "users" },
  "/v1/organizations/users/add": { post: "add_user" },
  "/v1/organizations/users/update": { post: "update_user" },
  "/v1/organizations/users/remove": { post: "remove_user" },
  "/v1/organizations/credentials/list": { get: "list_credentials" },
  "/v1/organizations/credentials/create": { post: "add_credential" },
  "/v1/organizations/plans/list": { get: "list_plans" },
  "/v1/organizations/plans/describe": { get: "describe_plan" },
  "/v1/organizations/plans/create": { post: "create_plan" },
  "/v1/organizations/plans/update": { post: "update_plan" },
  "/v1/organizations/plans/resources/add": { post: "add_resource_to_plan" },
};
