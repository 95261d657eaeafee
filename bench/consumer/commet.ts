// The Commet part of the type-check benchmark's consumer (see consumer.ts).
import { createCommetClient, paginate, unwrap, type CommetComponents } from "specwright/commet";

type Addon = CommetComponents["schemas"]["Addon"];

export async function addonName(id: string): Promise<string> {
  const commet = createCommetClient({ apiKey: "ck_sandbox_consumer", retries: 3, timeoutMs: 5_000 });
  const { data, error } = await commet.GET("/addons/{id}", { params: { path: { id } } });
  if (error) throw new Error(error.error.message);
  const addon: Addon = data.data;
  return addon.name;
}

export async function addonSlugs(): Promise<string[]> {
  const commet = createCommetClient({ apiKey: "ck_sandbox_consumer", throwOnError: true });
  const slugs: string[] = [];
  for await (const addon of paginate(commet, "/addons", { params: { query: { limit: 50 } } })) slugs.push(addon.slug);
  const created = unwrap(await commet.POST("/addons", { body: { name: "SSO", basePrice: 5000, featureId: "sso", consumptionModel: "boolean" } }));
  return [...slugs, created.data.slug];
}
