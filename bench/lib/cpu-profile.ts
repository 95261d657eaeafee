/** Reads a `--cpu-prof` profile and prints the functions with the most self time. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./processes.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The `.cpuprofile` Node wrote into `directory` on exit, as "self time %  function  place" lines, most first. */
export function topSelfTime(directory: string, top: number): string[] {
  const file = readdirSync(directory).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${directory}: did the process exit normally?`);
  const { nodes, samples } = JSON.parse(readFileSync(join(directory, file), "utf8")) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (const id of samples) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const place = url ? `${url.replace(/^.*\/node_modules\//, "").replace(`file://${ROOT}/`, "")}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"} ${place}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  return [
    "self time  function",
    ...[...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, count]) => `${((100 * count) / samples.length).toFixed(1).padStart(8)}%  ${key}`),
  ];
}
