#!/usr/bin/env node
// The `xiangyang` command. Node 20 cannot run TypeScript by itself, so tsx's loader is registered
// first; `npm start` / `npm test` install it on a fresh clone.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exitCode = await runCli(process.argv);
