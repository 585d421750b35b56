import { Command, CommanderError } from "commander";
import { ConfigError, loadConfig } from "../config/load.ts";
import { FlowLoadError } from "../flows/load.ts";
import { SecretsError } from "../privacy/secrets.ts";
import { InstallationError } from "../store/installation.ts";
import { runServe } from "./serve.ts";
import { runFlowsCheck } from "./flowsCheck.ts";

/**
 * `xiangyang <command>`. Output goes to stdout, logs to stderr. Known failures (bad config, broken flows,
 * mismatched secrets) print a sentence and exit 1; never a stack trace.
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = new Command()
    .name("xiangyang")
    .description("向阳 Xiangyang: anonymous student support for school social work")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  let exitCode = 0;
  program
    .command("serve")
    .description("run the service (web chat, staff console, channels) with the configuration from the environment and .env")
    .action(async () => {
      exitCode = await runServe(loadConfig());
    });
  program
    .command("config")
    .description("check the configuration and print it (secrets hidden)")
    .action(() => {
      const config = loadConfig();
      const shown = { ...config, crypto: { pseudonymSecret: config.crypto.pseudonymSecret ? "(set)" : "(data dir)", encryptionKey: config.crypto.encryptionKey ? "(set)" : "(data dir)" }, seed: { ...config.seed, adminPassword: config.seed.adminPassword ? "(set)" : "(generated)" } };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    });
  const flows = program.command("flows").description("work with the scripted flows in flows/");
  flows
    .command("check [dir]")
    .description("validate flow files; each problem on stderr as file:line: node-id: message; exit 1 on problems")
    .action((dir?: string) => {
      exitCode = runFlowsCheck(dir ?? "flows");
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError || error instanceof SecretsError || error instanceof InstallationError || error instanceof FlowLoadError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    process.stderr.write(`xiangyang: ${error instanceof Error ? error.message.split("\n")[0] : "unexpected failure"}\n`);
    return 1;
  }
}
