/** The 17 Cloud Plans operations, each behind its guard: a valid token, and for most an organization and a role. */
import type { MockHandler } from "../../types.js";
import { forCaller, inOrganization, type OperationId } from "../access.js";
import { billingUpdate, describeBilling, listBillingHistory } from "./billing.js";
import { createCredential, listCredentials } from "./credentials.js";
import { createOrganization, listOrganizations, updateOrganization } from "./organizations.js";
import { addResourceToPlan, createPlan, describePlan, listPlans, updatePlan } from "./plans.js";
import type { CloudPlansState } from "../state.js";
import { addOrganizationUser, listOrganizationUsers, removeOrganizationUser, updateOrganizationUser } from "./users.js";

export const cloudplansHandlers: Record<OperationId, MockHandler<CloudPlansState>> = {
  listOrganizations: forCaller(listOrganizations),
  createOrganization: forCaller(createOrganization),
  updateOrganization: inOrganization("updateOrganization", updateOrganization),
  describeBilling: inOrganization("describeBilling", describeBilling),
  listBillingHistory: inOrganization("listBillingHistory", listBillingHistory),
  billingUpdate: inOrganization("billingUpdate", billingUpdate),
  listOrganizationUsers: inOrganization("listOrganizationUsers", listOrganizationUsers),
  addOrganizationUser: inOrganization("addOrganizationUser", addOrganizationUser),
  updateOrganizationUser: inOrganization("updateOrganizationUser", updateOrganizationUser),
  removeOrganizationUser: inOrganization("removeOrganizationUser", removeOrganizationUser),
  listCredentials: inOrganization("listCredentials", listCredentials),
  createCredential: inOrganization("createCredential", createCredential),
  listPlans: inOrganization("listPlans", listPlans),
  describePlan: inOrganization("describePlan", describePlan),
  createPlan: inOrganization("createPlan", createPlan),
  updatePlan: inOrganization("updatePlan", updatePlan),
  addResourceToPlan: inOrganization("addResourceToPlan", addResourceToPlan),
};
