import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatFlowProblem, loadFlowDirectory, parseFlow } from "../../src/flows/load.ts";

const root = path.join(import.meta.dirname, "../..");

const broken = `version: 1
id: broken
title: 坏掉的流程
start: hello
nodes:
  - id: hello
    type: message
    text: 你好
    next: nowhere
  - id: menu
    type: choice
    text: 选一个
    options:
      - id: a
        label: A
        next: hello
  - id: lonely
    type: end
  - id: odd
    type: dance
`;

describe("flow files", () => {
  it("loads every shipped flow", () => {
    const flows = loadFlowDirectory(path.join(root, "flows"));
    expect([...flows.keys()]).toContain("welcome");
    for (const { flow } of flows.values()) {
      for (const node of flow.nodes) if ("text" in node && node.text) expect(node.text["zh-CN"].length).toBeGreaterThan(0);
    }
  });

  it("names the file, line and node of a node type it does not know", () => {
    const result = parseFlow("flows/broken.yaml", broken);
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    expect(result.problems.map(formatFlowProblem)).toEqual([expect.stringMatching(/^flows\/broken\.yaml:20: odd: nodes\.3\.type: /)]);
  });

  it("names jumps to missing nodes and nodes that can never be reached, with their lines", () => {
    const fixed = broken.replace(/  - id: odd\n    type: dance\n/, "");
    const result = parseFlow("flows/broken.yaml", fixed);
    if (result.kind !== "invalid") throw new Error("expected problems");
    expect(result.problems.map(formatFlowProblem)).toEqual([
      'flows/broken.yaml:9: hello: jumps to "nowhere", which is not a node of flow "broken"',
      'flows/broken.yaml:10: menu: node "menu" can never be reached',
      'flows/broken.yaml:17: lonely: node "lonely" can never be reached',
    ]);
  });

  it("refuses a missing zh-CN text and YAML that does not parse", () => {
    const noChinese = parseFlow("f.yaml", "version: 1\nid: x\ntitle: { en: Hi }\nstart: a\nnodes:\n  - { id: a, type: end }\n");
    expect(noChinese.kind === "invalid" && noChinese.problems[0]!.message).toMatch(/^title/);
    const notYaml = parseFlow("f.yaml", "version: 1\nid: [unclosed\n");
    expect(notYaml.kind === "invalid" && formatFlowProblem(notYaml.problems[0]!)).toMatch(/^f\.yaml:\d+: -: not valid YAML/);
  });

  it("reads JSON flow files too", () => {
    const json = JSON.stringify({ version: 1, id: "j", title: "J", start: "a", nodes: [{ id: "a", type: "end", text: { "zh-CN": "再见", en: "Bye" } }] });
    expect(parseFlow("j.json", json).kind).toBe("ok");
  });

  it("`xiangyang flows check` prints file:line: node: message on stderr and exits 1, or exits 0 when valid", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xiangyang-flows-"));
    fs.writeFileSync(path.join(dir, "broken.yaml"), broken);
    const bin = path.join(root, "bin/xiangyang.mjs");
    const bad = spawnSync(process.execPath, [bin, "flows", "check", dir], { encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split("\n")).toEqual([expect.stringMatching(/broken\.yaml:20: odd: nodes\.3\.type: /)]);

    const good = spawnSync(process.execPath, [bin, "flows", "check", path.join(root, "flows")], { encoding: "utf8" });
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/flow\(s\) valid/);
  });
});
