import type { ConversationState } from "../domain/conversation.ts";
import { defaultLocale, type Locale } from "../domain/locale.ts";
import type { Reply } from "../domain/message.ts";
import type { LoadedFlow } from "./load.ts";
import type { ChoiceNode, Flow, FlowNode, LocalizedText } from "./schema.ts";

export type FlowInput = { kind: "text"; text: string } | { kind: "choice"; choiceId: string };

/** Side effects a step asks for; the pipeline carries them out, so a replayed step repeats none. */
export type FlowEffect = { kind: "requestHuman"; flowId: string; nodeId: string };

export type FlowStep = { state: ConversationState; replies: Reply[]; effects: FlowEffect[] };

export type FlowCatalog = { flows: ReadonlyMap<string, LoadedFlow>; entryFlowId: string };

/** Words that leave whatever flow the student is in and bring back the menu. */
const menuWords = new Set(["菜单", "目录", "主菜单", "开始", "menu", "start", "/start", "/menu", "home"]);

/** A step never loops forever, even on a flow the checker let through. */
const MAX_NODES_PER_STEP = 50;

/**
 * Runs one student input through the flows: pure, no I/O. Returns the new state, the replies to send
 * and the effects to carry out.
 */
export function stepFlow(catalog: FlowCatalog, state: ConversationState, input: FlowInput, locale: Locale = defaultLocale): FlowStep {
  const entry = catalog.flows.get(catalog.entryFlowId);
  if (!entry) throw new Error(`entry flow "${catalog.entryFlowId}" is not loaded`);

  const position = state.flow;
  const current = position ? catalog.flows.get(position.flowId) : undefined;
  const waitingAt = position && current ? findNode(current.flow, position.nodeId) : undefined;

  if (input.kind === "text" && menuWords.has(normalizeAnswer(input.text))) {
    return runFrom(entry, entry.flow.resume ?? entry.flow.start, state, locale);
  }
  if (!position || !current || !waitingAt || waitingAt.type !== "choice") {
    const greeted = state.vars.greeted === true;
    return runFrom(entry, greeted ? (entry.flow.resume ?? entry.flow.start) : entry.flow.start, state, locale);
  }

  const option = matchOption(waitingAt, input);
  if (option) return runFrom(current, option.next, state, locale);

  const reask = waitingAt.reask ?? {
    "zh-CN": "抱歉，我没有看懂。可以点下面的按钮，或回复选项前的数字。",
    en: "Sorry, I didn't catch that. Tap a button below, or reply with the option's number.",
  };
  return {
    state: { ...state, flow: { ...position, reasks: position.reasks + 1 } },
    replies: [{ text: render(reask, locale, state), choices: choicesOf(waitingAt, locale, state) }],
    effects: [],
  };
}

function runFrom(loaded: LoadedFlow, startNodeId: string, state: ConversationState, locale: Locale): FlowStep {
  const replies: Reply[] = [];
  const effects: FlowEffect[] = [];
  const vars = { ...state.vars, greeted: true };
  let nodeId: string | undefined = startNodeId;
  for (let steps = 0; nodeId !== undefined && steps < MAX_NODES_PER_STEP; steps++) {
    const node: FlowNode | undefined = findNode(loaded.flow, nodeId);
    if (!node) break;
    switch (node.type) {
      case "message":
        replies.push({ text: render(node.text, locale, state) });
        nodeId = node.next;
        break;
      case "choice":
        replies.push({ text: render(node.text, locale, state), choices: choicesOf(node, locale, state) });
        return {
          state: { ...state, vars, flow: { flowId: loaded.flow.id, contentHash: loaded.contentHash, nodeId: node.id, reasks: 0 } },
          replies,
          effects,
        };
      case "handoff":
        if (node.text) replies.push({ text: render(node.text, locale, state) });
        effects.push({ kind: "requestHuman", flowId: loaded.flow.id, nodeId: node.id });
        nodeId = undefined;
        break;
      case "end":
        if (node.text) replies.push({ text: render(node.text, locale, state) });
        nodeId = undefined;
        break;
    }
  }
  const { flow: _done, ...rest } = state;
  return { state: { ...rest, vars }, replies, effects };
}

function findNode(flow: Flow, id: string): FlowNode | undefined {
  return flow.nodes.find((n) => n.id === id);
}

function choicesOf(node: ChoiceNode, locale: Locale, state: ConversationState) {
  return node.options.map((o, i) => ({ id: o.id, label: `${i + 1}. ${render(o.label, locale, state)}` }));
}

/** Picks the option a reply means: its button, its number ("2", "第二个"), its label in any language, or a synonym. */
export function matchOption(node: ChoiceNode, input: FlowInput): ChoiceNode["options"][number] | undefined {
  if (input.kind === "choice") return node.options.find((o) => o.id === input.choiceId);
  const answer = normalizeAnswer(input.text);
  const index = parseOrdinal(answer);
  if (index !== undefined) return node.options[index - 1];
  return node.options.find((o, i) => {
    const candidates = [o.label["zh-CN"], o.label.en, ...o.synonyms]
      .filter((s): s is string => s !== undefined)
      .flatMap((s) => [s, `${i + 1}. ${s}`, `${i + 1}.${s}`]);
    return candidates.some((c) => normalizeAnswer(c) === answer);
  });
}

const chineseDigits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

function parseOrdinal(answer: string): number | undefined {
  const m = /^(?:第)?([0-9]{1,2}|[一二三四五六七八九十])(?:个|项|条|号)?[.、。]?$/.exec(answer);
  if (!m) return undefined;
  const token = m[1]!;
  const n = /^[0-9]+$/.test(token) ? Number(token) : chineseDigits.indexOf(token);
  return n >= 1 ? n : undefined;
}

/** NFKC (full-width to half-width), lower case, trimmed, inner spaces collapsed, trailing punctuation dropped. */
export function normalizeAnswer(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ")
    .replace(/[!?！？。~～]+$/u, "");
}

function render(text: LocalizedText, locale: Locale, state: ConversationState): string {
  const template = (locale === "en" ? text.en : undefined) ?? text["zh-CN"];
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
    const value = state.vars[name];
    return value === undefined || value === null ? "" : String(value);
  });
}
