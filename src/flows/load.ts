import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import { flowSchema, type Flow } from "./schema.ts";

/** A flow as loaded: parsed, checked, and pinned by the hash of its file content. */
export type LoadedFlow = { flow: Flow; file: string; contentHash: string };

/** One problem in a flow file, named as `file:line: node-id: message`. */
export type FlowProblem = { file: string; line: number; nodeId: string | undefined; message: string };

export class FlowLoadError extends Error {
  override name = "FlowLoadError";
  constructor(readonly problems: FlowProblem[]) {
    super(`Flows are invalid:\n${problems.map(formatFlowProblem).join("\n")}`);
  }
}

export function formatFlowProblem(p: FlowProblem): string {
  return `${p.file}:${p.line}: ${p.nodeId ?? "-"}: ${p.message}`;
}

/** Parses one flow file's text (YAML, or JSON which YAML reads too) and checks its graph. */
export function parseFlow(file: string, content: string): { kind: "ok"; flow: LoadedFlow } | { kind: "invalid"; problems: FlowProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      kind: "invalid",
      problems: doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        nodeId: undefined,
        message: `not valid YAML: ${e.message.split("\n")[0]}`,
      })),
    };
  }
  const lineOf = (p: ReadonlyArray<PropertyKey>) => lineAt(doc.contents, p, lineCounter);
  const raw: unknown = doc.toJS();
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) {
    return { kind: "invalid", problems: parsed.error.issues.map((issue) => describeIssue(file, raw, issue, lineOf)) };
  }
  const problems = checkGraph(parsed.data).map((p) => ({
    file,
    line: lineOf(["nodes", parsed.data.nodes.findIndex((n) => n.id === p.nodeId), ...(p.path ?? [])]),
    nodeId: p.nodeId,
    message: p.message,
  }));
  if (problems.length > 0) return { kind: "invalid", problems };
  const contentHash = createHash("sha256").update(content).digest("hex");
  return { kind: "ok", flow: { flow: parsed.data, file, contentHash } };
}

/** Loads every `.yaml`, `.yml` and `.json` file in a directory. Throws FlowLoadError listing every problem. */
export function loadFlowDirectory(dir: string): Map<string, LoadedFlow> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort();
  const flows = new Map<string, LoadedFlow>();
  const problems: FlowProblem[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const result = parseFlow(path.relative(process.cwd(), file) || file, fs.readFileSync(file, "utf8"));
    if (result.kind === "invalid") {
      problems.push(...result.problems);
      continue;
    }
    const id = result.flow.flow.id;
    const earlier = flows.get(id);
    if (earlier) {
      problems.push({ file: result.flow.file, line: 1, nodeId: undefined, message: `flow id "${id}" is already used by ${earlier.file}` });
      continue;
    }
    flows.set(id, result.flow);
  }
  if (problems.length > 0) throw new FlowLoadError(problems);
  return flows;
}

type GraphProblem = { nodeId: string; path?: PropertyKey[]; message: string };

/** Checks the minimal interpreter relies on: unique ids, jumps that land, a start that exists, reachability. */
function checkGraph(flow: Flow): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const ids = new Set<string>();
  for (const node of flow.nodes) {
    if (ids.has(node.id)) problems.push({ nodeId: node.id, path: ["id"], message: `duplicate node id "${node.id}"` });
    ids.add(node.id);
  }
  const jump = (from: string, to: string, p: PropertyKey[]) => {
    if (!ids.has(to)) problems.push({ nodeId: from, path: p, message: `jumps to "${to}", which is not a node of flow "${flow.id}"` });
  };
  if (!ids.has(flow.start)) problems.push({ nodeId: flow.start, message: `start node "${flow.start}" does not exist` });
  if (flow.resume !== undefined && !ids.has(flow.resume)) {
    problems.push({ nodeId: flow.resume, message: `resume node "${flow.resume}" does not exist` });
  }
  for (const node of flow.nodes) {
    if (node.type === "message") jump(node.id, node.next, ["next"]);
    if (node.type === "choice") node.options.forEach((o, i) => jump(node.id, o.next, ["options", i, "next"]));
  }
  const reachable = new Set<string>();
  const byId = new Map(flow.nodes.map((n) => [n.id, n]));
  const visit = (id: string | undefined) => {
    if (id === undefined || reachable.has(id) || !byId.has(id)) return;
    reachable.add(id);
    const node = byId.get(id)!;
    if (node.type === "message") visit(node.next);
    if (node.type === "choice") node.options.forEach((o) => visit(o.next));
  };
  visit(flow.start);
  visit(flow.resume);
  for (const node of flow.nodes) {
    if (!reachable.has(node.id)) problems.push({ nodeId: node.id, message: `node "${node.id}" can never be reached` });
  }
  return problems;
}

function describeIssue(
  file: string,
  raw: unknown,
  issue: z.core.$ZodIssue,
  lineOf: (p: ReadonlyArray<PropertyKey>) => number,
): FlowProblem {
  const nodeIndex = issue.path[0] === "nodes" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
  const nodes = (raw as { nodes?: Array<{ id?: unknown }> } | null)?.nodes;
  const nodeId = nodeIndex !== undefined && typeof nodes?.[nodeIndex]?.id === "string" ? (nodes[nodeIndex].id as string) : undefined;
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { file, line: lineOf(issue.path), nodeId, message: `${where}${issue.message}` };
}

/** The 1-based line of the deepest YAML node that exists along `p`. */
function lineAt(root: unknown, p: ReadonlyArray<PropertyKey>, counter: LineCounter): number {
  let node = root as YamlNode | null | undefined;
  let line = node?.range ? counter.linePos(node.range[0]).line : 1;
  for (const key of p) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const target = (pair.value ?? pair.key) as YamlNode | null;
      const keyNode = pair.key as YamlNode | null;
      if (keyNode?.range) line = counter.linePos(keyNode.range[0]).line;
      node = target;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) break;
      if (item.range) line = counter.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}
