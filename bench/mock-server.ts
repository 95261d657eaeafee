/**
 * The specwright Commet mock for the mock benchmark, in its own process: starts it, creates the one
 * add-on the benchmark reads (through the mock's own API: the mock starts with its plan catalogue
 * only), and prints `READY <url> <addon id>`. The benchmark then reads `GET <url>/addons/<id>`.
 */
import { API_KEY } from "./lib/fixtures.js";

// The built package, as a user runs it (or a patched build: bench/experiment.ts); its types from the
// sources, so that this file type-checks before a build.
const entry = process.env.SPECWRIGHT_BENCH_MOCK_MODULE ?? "specwright/mock";
const { startMock } = (await import(entry)) as typeof import("../src/mock/index.js");
const mock = await startMock("commet");
const headers = { "x-api-key": API_KEY, "content-type": "application/json" };
const post = async (path: string, body: unknown) => {
  const response = await fetch(`${mock.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: { id: string } }).data;
};
// The spec's example add-on, so that both mocks answer with the same kind of body.
await post("/features/manage", { name: "Priority support", code: "priority_support", type: "boolean" });
const addon = await post("/addons", {
  name: "Priority support",
  description: "Replies within one business hour.",
  basePrice: 2900,
  featureId: "priority_support",
  consumptionModel: "boolean",
});
console.log(`READY ${mock.url} ${addon.id}`);
process.on("SIGTERM", () => void mock.close().then(() => process.exit(0)));
