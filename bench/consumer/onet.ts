// The OnetSolutions part of the type-check benchmark's consumer (see consumer.ts).
import { createOnetClient } from "specwright/onet";

export async function organizationNames(token: string): Promise<string[]> {
  const onet = createOnetClient({ token });
  const { data } = await onet.GET("/v1/organizations");
  return (data ?? []).map((organization) => organization.name);
}
