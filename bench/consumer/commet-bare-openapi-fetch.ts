// For comparison only (not part of consumer.ts): the same Commet calls as commet.ts through bare
// openapi-fetch over the same generated `paths`, to tell openapi-fetch's type cost from specwright's.
import createClient from "openapi-fetch";
import type { CommetComponents, CommetPaths } from "specwright/commet";

type Addon = CommetComponents["schemas"]["Addon"];

export async function addonName(id: string): Promise<string> {
  const commet = createClient<CommetPaths>({ baseUrl: "https://commet.co/api/v1", headers: { "x-api-key": "ck_sandbox_consumer" } });
  const { data, error } = await commet.GET("/addons/{id}", { params: { path: { id } } });
  if (error) throw new Error(error.error.message);
  const addon: Addon = data.data;
  return addon.name;
}

export async function createdSlug(): Promise<string> {
  const commet = createClient<CommetPaths>({ baseUrl: "https://commet.co/api/v1", headers: { "x-api-key": "ck_sandbox_consumer" } });
  const { data, error } = await commet.POST("/addons", { body: { name: "SSO", basePrice: 5000, featureId: "sso", consumptionModel: "boolean" } });
  if (error) throw new Error(error.error.message);
  return data.data.slug;
}
