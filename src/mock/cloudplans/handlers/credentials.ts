/** The Credentials operations: list an organization's credentials, register a new one. */
import type { components, operations } from "../../../../generated/cloudplans/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { inOrganization, type OrgAccess } from "../access.js";
import { cloudplansErrors } from "../errors.js";
import { credentialLimit } from "../limits.js";
import type { CloudPlansState } from "../state.js";
import { isoSeconds, newId, ok, toCredential } from "../views.js";

type Schemas = components["schemas"];
type Context = MockContext<CloudPlansState>;

function listCredentials(_: Context, { organization }: OrgAccess): MockReply {
  // `specific` holds secrets (an Azure client secret): stored, never listed.
  return ok({ credentials: organization.credentials.map((credential) => toCredential(organization, credential)) });
}

function createCredential({ body, now }: Context, { organization }: OrgAccess): MockReply {
  const input = body as Schemas["CreateCredentialRequest"];
  const limit = credentialLimit(organization);
  if (organization.credentials.length >= limit) {
    throw cloudplansErrors.conflict(
      `The free tier allows ${limit} credentials and ${organization.id} has ${organization.credentials.length}; subscribe to add more.`,
    );
  }
  const prefix = `cred-${input.type}-`;
  let id = newId(prefix);
  while (organization.credentials.some((credential) => credential.id === id)) id = newId(prefix);
  organization.credentials.push({
    id,
    type: input.type,
    name: input.name,
    comments: input.comments ?? "",
    specific: { ...input.specific },
    // Read as the credential's last activity: its creation, on the mock's clock.
    lastTime: isoSeconds(now),
  });
  return ok({ response: "Credential created" });
}

export const credentialHandlers = {
  listCredentials: inOrganization("listCredentials", listCredentials),
  createCredential: inOrganization("createCredential", createCredential),
} satisfies HandlerGroup<operations, CloudPlansState>;
