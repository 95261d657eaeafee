/**
 * Names for the spec's component schemas, for scripts/generate.ts: `generated/<api>/names.ts` declares
 * each schema as a type alias under its own name, and schema.ts's `components["schemas"]` refers to
 * those aliases. A type reached through an alias keeps its name, so compiler errors and hovers print
 * `CreateAddonRequest` rather than the whole structure, wherever the schema is used.
 */
import { astToString } from "openapi-typescript";
import ts from "typescript";

/** How schema.ts refers to names.ts: `import type * as named from "./names.js"`, then `named.Addon`. */
export const NAMES_NAMESPACE = "named";
// How openapi-typescript writes a $ref to a component schema.
const SCHEMA_REFERENCE = /components\["schemas"\]\["([^"]+)"\]/g;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// Names that schema.ts declares at the top level, or that names.ts itself uses.
const TAKEN = new Set(["components", "paths", "operations", "webhooks", "$defs", NAMES_NAMESPACE]);

/** The schema's name, refused when it cannot be a TypeScript type's name as it is. */
function schemaName(api: string, property: ts.PropertyName): string {
  const name = ts.isIdentifier(property) || ts.isStringLiteral(property) ? property.text : "";
  // Renaming it would make it another name than the spec's; better to rename the schema.
  if (!IDENTIFIER.test(name) || ts.identifierToKeywordKind(ts.factory.createIdentifier(name)) !== undefined || TAKEN.has(name)) {
    throw new Error(`specs/${api}/openapi.yaml: the schema name "${name}" cannot be exported under its own name; rename the schema`);
  }
  return name;
}

const isNamed = (node: { name?: ts.Node }, name: string) => node.name !== undefined && ts.isIdentifier(node.name) && node.name.text === name;

/**
 * Takes each `components.schemas` member of openapi-typescript's output out into names.ts and leaves
 * `named.<Name>` in its place (its doc comment stays on both). Returns the new schema.ts nodes and names.ts.
 */
export function nameSchemas(api: string, ast: readonly ts.Node[], header: string): { schema: ts.Node[]; names: string } {
  const aliases: ts.TypeAliasDeclaration[] = [];
  const nameMember = (member: ts.TypeElement): ts.TypeElement => {
    if (!ts.isPropertySignature(member) || member.type === undefined) return member;
    const name = schemaName(api, member.name);
    const alias = ts.factory.createTypeAliasDeclaration([ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)], name, undefined, member.type);
    ts.setSyntheticLeadingComments(alias, ts.getSyntheticLeadingComments(member));
    aliases.push(alias);
    const reference = ts.factory.createTypeReferenceNode(ts.factory.createQualifiedName(ts.factory.createIdentifier(NAMES_NAMESPACE), name));
    return ts.factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, reference);
  };
  const schema = ast.map((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return node;
    const members = node.members.map((member) => {
      if (!ts.isPropertySignature(member) || !isNamed(member, "schemas") || member.type === undefined || !ts.isTypeLiteralNode(member.type)) return member;
      const schemas = ts.factory.updateTypeLiteralNode(member.type, ts.factory.createNodeArray(member.type.members.map(nameMember)));
      return ts.factory.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, schemas);
    });
    return ts.factory.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  });
  // Within names.ts a schema names another directly: `feature: Feature`, not `components["schemas"]["Feature"]`.
  const body = aliases
    .map((alias) => astToString(alias))
    .join("\n")
    .replace(SCHEMA_REFERENCE, (_, name: string) => name);
  const imports = body.includes("components[") ? 'import type { components } from "./schema.js";\n\n' : "";
  return { schema, names: `${header}${imports}${body}` };
}
