import path from "node:path";
import { describe, expect, it } from "vitest";
import { emptyConversationState, type ConversationState } from "../../src/domain/conversation.ts";
import { matchOption, stepFlow, type FlowInput } from "../../src/flows/interpret.ts";
import { loadFlowDirectory } from "../../src/flows/load.ts";
import type { ChoiceNode } from "../../src/flows/schema.ts";

const catalog = { flows: loadFlowDirectory(path.join(import.meta.dirname, "../../flows")), entryFlowId: "welcome" };
const menu = catalog.flows.get("welcome")!.flow.nodes.find((n) => n.id === "menu") as ChoiceNode;
const text = (t: string): FlowInput => ({ kind: "text", text: t });

function run(inputs: FlowInput[], locale: "zh-CN" | "en" = "zh-CN") {
  let state: ConversationState = emptyConversationState;
  const steps = [];
  for (const input of inputs) {
    const step = stepFlow(catalog, state, input, locale);
    steps.push(step);
    state = step.state;
  }
  return steps;
}

describe("the flow interpreter", () => {
  it("greets a new student, then offers the menu and waits there", () => {
    const [first] = run([text("hi")]);
    expect(first!.replies).toHaveLength(2);
    expect(first!.replies[1]!.choices!.map((c) => c.label)).toEqual(["1. 心情不太好", "2. 学习和考试压力", "3. 给社工写一封匿名信", "4. 想和学校社工聊聊", "5. 这里安全吗？"]);
    expect(first!.state.flow).toMatchObject({ flowId: "welcome", nodeId: "menu" });
  });

  it.each([
    ["2", "study"],
    ["２", "study"],
    ["第二个", "study"],
    ["二", "study"],
    ["2.", "study"],
    ["学习和考试压力", "study"],
    ["2. 学习和考试压力", "study"],
    ["Study and exam stress", "study"],
    ["  考试！", "study"],
    ["信箱", "mailbox"],
    ["学习", "study"],
    ["HUMAN", "human"],
  ])("takes %j as the option %s", (answer, option) => {
    expect(matchOption(menu, text(answer))?.id).toBe(option);
  });

  it.each(["7", "0", "第十个", "学习压力很大", "maybe"])("does not take %j as any option", (answer) => {
    expect(matchOption(menu, text(answer))).toBeUndefined();
  });

  it("re-asks with the same buttons when the answer matches nothing", () => {
    const [, second] = run([text("hi"), text("随便")]);
    expect(second!.replies).toHaveLength(1);
    expect(second!.replies[0]!.choices).toHaveLength(5);
    expect(second!.state.flow).toMatchObject({ nodeId: "menu", reasks: 1 });
  });

  it("shows a returning student the menu, not the greeting again", () => {
    const steps = run([text("hi"), { kind: "choice", choiceId: "about" }, text("菜单")]);
    expect(steps[1]!.replies[0]!.text).toContain("匿名");
    expect(steps[2]!.replies).toHaveLength(1);
    expect(steps[2]!.replies[0]!.choices).toHaveLength(5);
  });

  it("speaks English when the student's channel asks for it, falling back to zh-CN", () => {
    const [first] = run([text("hi")], "en");
    expect(first!.replies[0]!.text).toContain("Xiangyang");
  });

  it("asks the pipeline for a human when the student picks the social worker", () => {
    const steps = run([text("hi"), text("4")]);
    expect(steps[1]!.effects).toEqual([{ kind: "requestHuman", flowId: "welcome", nodeId: "human" }]);
    expect(steps[1]!.state.flow).toBeUndefined();
  });
});
