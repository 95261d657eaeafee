/** How the OnetSolutions mock resolves the organization, project and object a path names: anything outside the caller's scope is 404. */
import { onetErrors } from "./errors.js";
import type { OnetState, OrganizationRecord, ProjectRecord } from "./state.js";

/** The organization and project of a path, both the caller's. */
export interface Scope {
  organization: OrganizationRecord;
  project: ProjectRecord;
}

function organizationOf(state: OnetState, id: string): OrganizationRecord {
  const organization = state.organizations.get(id);
  // Another customer's organization is as unknown as one that does not exist.
  if (!organization?.member) throw onetErrors.notFound();
  return organization;
}

export function scopeOf(state: OnetState, params: Record<string, string>): Scope {
  const organization = organizationOf(state, params.organization_id!);
  const project = state.projects.get(params.project_id!);
  if (!project || project.organizationId !== organization.profile.id) throw onetErrors.notFound();
  return { organization, project };
}

/** The record, when it belongs to the scope's project. */
export function inScope<T extends { projectId: string | null }>(record: T | undefined, scope: Scope): T {
  if (!record || record.projectId !== scope.project.id) throw onetErrors.notFound();
  return record;
}
