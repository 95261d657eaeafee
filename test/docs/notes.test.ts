// How the docs build shows the specs' notes: appended to a description Redoc renders, as a marked
// blockquote, and listed in the register sections (scripts/docs-notes.ts).
import { describe, expect, it } from "vitest";
import { collectNotes, describeLocation, noteBlockquote, noteMarkdown, REGISTER_TAGS, surfaceNotes } from "../../scripts/docs-notes.js";

function sampleDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1", description: "An API.", "x-assumed": "Money in cents." },
    tags: [{ name: "Things" }],
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          summary: "Create thing",
          "x-doc-discrepancy": "One page says PUT,\nanother POST.",
          "x-roles": { allowed: ["owner"], "x-assumed": "Owners only." },
          requestBody: {
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/CreateThing" },
                example: { description: "data, not a node", "x-assumed": "not a note" },
              },
            },
          },
          responses: {
            "200": { description: "The thing.", "x-assumed": "200, not 201." },
            "400": { $ref: "#/components/responses/Invalid" },
          },
        },
      },
      "/things/{id}": {
        delete: { operationId: "deleteThing", summary: "Delete thing", responses: { "400": { $ref: "#/components/responses/Invalid" } } },
      },
    },
    components: {
      schemas: {
        CreateThing: {
          type: "object",
          "x-doc-discrepancy": "The field list differs.",
          properties: { size: { type: "integer", description: "Size.", "x-assumed": "Up to integer<int64>." } },
        },
      },
      responses: { Invalid: { description: "Invalid.", "x-assumed": "The error shape is assumed." } },
    },
  };
}

describe("noteMarkdown and noteBlockquote", () => {
  it("keeps code spans and escapes what Markdown would take for HTML", () => {
    expect(noteMarkdown('Prices are "<string>"; see `a<b>` & more')).toBe('Prices are "&lt;string&gt;"; see `a<b>` &amp; more');
  });

  it("quotes every line under a bold label", () => {
    expect(noteBlockquote("Assumed", "first\nsecond\n")).toBe("> **Assumed:** first\n> second");
  });
});

describe("surfaceNotes", () => {
  it("appends each note to the description of the node that carries it", () => {
    const document = sampleDocument();
    surfaceNotes(document);
    expect(document.info.description).toBe("An API.\n\n> **Assumed:** Money in cents.\n");
    expect(document.paths["/things"].post.responses["200"].description).toBe("The thing.\n\n> **Assumed:** 200, not 201.\n");
    expect(document.components.schemas.CreateThing.properties.size.description).toBe("Size.\n\n> **Assumed:** Up to integer&lt;int64&gt;.\n");
    // The notes stay in place: the variant adds descriptions, it removes nothing.
    expect(document.info["x-assumed"]).toBe("Money in cents.");
  });

  it("puts a note inside another extension on the operation, with the extension's name for context", () => {
    const document = sampleDocument();
    surfaceNotes(document);
    const description = (document.paths["/things"].post as { description?: string }).description;
    expect(description).toBe("> **Docs discrepancy:** One page says PUT,\n> another POST.\n\n> **Assumed (x-roles):** Owners only.\n");
  });

  it("puts a note on a body's schema on the body, which Redoc renders, rather than on the schema", () => {
    const document = sampleDocument();
    surfaceNotes(document);
    const requestBody = document.paths["/things"].post.requestBody as { description?: string };
    expect(requestBody.description).toBe("> **Docs discrepancy:** The field list differs.\n");
    expect((document.components.schemas.CreateThing as { description?: string }).description).toBeUndefined();
  });

  it("shows a note of a shared component once, and leaves example data alone", () => {
    const document = sampleDocument();
    const notes = surfaceNotes(document);
    expect(document.components.responses.Invalid.description).toBe("Invalid.\n\n> **Assumed:** The error shape is assumed.\n");
    expect(notes.map((note) => note.text)).not.toContain("not a note");
    expect(document.paths["/things"].post.requestBody.content["application/json"].example).toEqual({
      description: "data, not a node",
      "x-assumed": "not a note",
    });
  });

  it("adds one register section per kind that lists every note with what it is about", () => {
    const document = sampleDocument();
    const notes = surfaceNotes(document);
    expect(notes).toHaveLength(collectNotes(sampleDocument()).length);
    const [assumed, discrepancies] = document.tags.slice(1) as { name: string; "x-traitTag": boolean; description: string }[];
    expect(assumed).toMatchObject({ name: REGISTER_TAGS["x-assumed"], "x-traitTag": true });
    expect(discrepancies).toMatchObject({ name: REGISTER_TAGS["x-doc-discrepancy"], "x-traitTag": true });
    for (const note of notes) {
      const section = note.key === "x-assumed" ? assumed! : discrepancies!;
      expect(section.description).toContain(noteMarkdown(note.text).replace(/\s*\n\s*/g, " "));
    }
    expect(assumed!.description).toContain("*About:* Create thing (`POST /things`), response 200.");
    expect(assumed!.description).toContain("*About:* `CreateThing.size`.");
  });
});

describe("describeLocation", () => {
  const document = sampleDocument();

  it("names operations by summary, method and path, and schemas by their property path", () => {
    expect(describeLocation(document, "/info")).toBe("the API as a whole");
    expect(describeLocation(document, "/tags/0")).toBe("section “Things”");
    expect(describeLocation(document, "/paths/~1things/post")).toBe("Create thing (`POST /things`)");
    expect(describeLocation(document, "/paths/~1things/post/responses/200")).toBe("Create thing (`POST /things`), response 200");
    expect(describeLocation(document, "/paths/~1things/post/x-roles")).toBe("Create thing (`POST /things`), who may call it");
    expect(describeLocation(document, "/components/schemas/CreateThing/properties/size")).toBe("`CreateThing.size`");
    expect(describeLocation(document, "/components/responses/Invalid")).toBe("response `Invalid`");
  });

  it("names webhooks by their event, not as paths", () => {
    const withWebhook = {
      ...document,
      webhooks: { "thing.created": { post: { summary: "thing.created", parameters: [{ name: "X-Signature", in: "header" }] } } },
    };
    expect(describeLocation(withWebhook, "/webhooks/thing.created/post")).toBe("webhook `thing.created`");
    expect(describeLocation(withWebhook, "/webhooks/thing.created/post/parameters/0")).toBe("webhook `thing.created`, parameter `X-Signature`");
    expect(describeLocation(withWebhook, "/webhooks/thing.created/post/requestBody")).toBe("webhook `thing.created`, request body");
  });
});
