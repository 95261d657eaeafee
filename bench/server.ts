/**
 * The loopback server of the client benchmark, run as its own process: it answers Commet's Get add-on
 * (`GET /api/v1/addons/{id}`) with one fixed, spec-valid body, as cheaply as node:http allows, so that
 * the clients' differences are not hidden under server work. Prints `READY <url>` once it listens.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getOperations } from "../src/spec/operations.js";
import { validateBody } from "../src/spec/validator.js";
import { ADDON_ID, ADDON_RESPONSE, BASE_PATH } from "./lib/fixtures.js";

// A benchmark of a body the spec does not allow would prove nothing: check it once, before listening.
const schema = getOperations("commet").byId("getAddon").object.responses["200"]?.content?.["application/json"]?.schema;
const validation = schema ? validateBody(schema, ADDON_RESPONSE) : { valid: false as const, errors: [{ field: "", message: "no 200 schema" }] };
if (!validation.valid) throw new Error(`the fixed body does not match getAddon's 200 schema: ${JSON.stringify(validation.errors)}`);

const payload = Buffer.from(JSON.stringify(ADDON_RESPONSE));
const addonPath = `${BASE_PATH}/addons/${ADDON_ID}`;
const notFound = Buffer.from(JSON.stringify({ success: false, error: { type: "not_found_error", code: "not_found", message: "Not found" } }));
let served = 0;

const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === addonPath && request.headers["x-api-key"]) {
    served += 1;
    response.writeHead(200, { "content-type": "application/json", "content-length": payload.length, "x-request-id": `req_${served}` });
    response.end(payload);
    return;
  }
  // `GET /__served` lets the benchmark check that a client really reached this server.
  if (request.url === "/__served") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ served }));
    return;
  }
  response.writeHead(404, { "content-type": "application/json", "content-length": notFound.length });
  response.end(notFound);
});
// Longer than any pause between rounds: every client keeps its connection.
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`READY http://127.0.0.1:${port}${BASE_PATH}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
