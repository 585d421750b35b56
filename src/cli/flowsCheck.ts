import fs from "node:fs";
import { formatFlowProblem, FlowLoadError, loadFlowDirectory } from "../flows/load.ts";

/** `xiangyang flows check [dir]`: problems on stderr, one per line; exit 1 when there are any. */
export function runFlowsCheck(dir: string): number {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    process.stderr.write(`${dir}: no such directory\n`);
    return 1;
  }
  try {
    const flows = loadFlowDirectory(dir);
    process.stdout.write(`${flows.size} flow(s) valid\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof FlowLoadError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${formatFlowProblem(problem)}\n`);
    return 1;
  }
}
