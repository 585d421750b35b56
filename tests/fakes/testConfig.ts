import path from "node:path";
import { loadConfig, type Config } from "../../src/config/load.ts";

/** The configuration of a test instance: loopback, a free port, everything inside `dataDir`. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: `file:${path.join(dataDir, "xiangyang.db")}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: "debug",
      ADMIN_PASSWORD: "correct horse battery staple",
      ...env,
    },
    { readDotEnv: false },
  );
}
