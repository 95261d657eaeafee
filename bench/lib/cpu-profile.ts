/** Reads a `--cpu-prof` profile and prints the functions with the most self time, and with the most total time. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./processes.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * The `.cpuprofile` Node wrote into `directory` on exit, as "self %  total %  function  place" lines:
 * the `top` functions by self time, then the `top` by total time (the samples with the function
 * anywhere on the stack, each counted once), which shows what a function costs with all it calls.
 */
export function topSelfTime(directory: string, top: number): string[] {
  const file = readdirSync(directory).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${directory}: did the process exit normally?`);
  const { nodes, samples } = JSON.parse(readFileSync(join(directory, file), "utf8")) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const place = url ? `${url.replace(/^.*\/node_modules\//, "").replace(`file://${ROOT}/`, "")}:${lineNumber + 1}` : "";
    return `${functionName || "(anonymous)"} ${place}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const id of samples) {
    self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + 1);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) onStack.add(keyOf(at));
    for (const key of onStack) total.set(key, (total.get(key) ?? 0) + 1);
  }
  const percent = (count: number) => `${((100 * count) / samples.length).toFixed(1).padStart(7)}%`;
  const line = ([key]: [string, number]) => `${percent(self.get(key) ?? 0)} ${percent(total.get(key) ?? 0)}  ${key}`;
  const heaviest = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    "    self    total  function (by self time)",
    ...heaviest(self).map(line),
    "",
    "    self    total  function (by total time)",
    ...heaviest(total).map(line),
  ];
}
