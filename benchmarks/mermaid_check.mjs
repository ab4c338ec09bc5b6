// Reads Markdown on stdin and has Mermaid parse each ```mermaid block (see mermaid_check.py).
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
const blocks = [...readFileSync(0, "utf8").matchAll(/```mermaid\n([\s\S]*?)\n```/g)];
let valid = 0;
for (const [, block] of blocks) {
  try {
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(block);
    const tasks = db.getTasks();
    const marks = tasks.filter((task) => task.milestone).length;
    console.log(`valid: ${tasks.length} tasks, ${marks} milestones, first "${tasks[0].task.trim()}"`);
    valid++;
  } catch (error) {
    console.log(`INVALID: ${String(error.message || error).split("\n").slice(0, 3).join(" ")}`);
  }
}
console.log(`${valid} valid, ${blocks.length - valid} invalid`);
