// The Cloud Plans part of the type-check benchmark's consumer (see consumer.ts).
import { ApiError, createCloudPlansClient } from "specwright/cloudplans";

export async function cloudPlansOrganizations(token: string, baseUrl: string): Promise<string[]> {
  const cloudplans = createCloudPlansClient({ token, baseUrl });
  try {
    const { data } = await cloudplans.GET("/v1/organizations/list");
    return data?.data.organizations.map((organization) => organization.org_id) ?? [];
  } catch (error) {
    if (error instanceof ApiError) return [];
    throw error;
  }
}
