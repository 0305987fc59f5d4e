// Seeds the benchmark's stores (SQLite files, a PostgreSQL schema) with the project's own `seed` command
// (`npm run seed`): realistic users, written through the Store port in batched transactions, its progress bar
// on our stderr.
import { spawn } from "node:child_process";
import { serverEnvironment } from "../server/start-server.ts";
import { adopt, REPO_ROOT } from "./processes.ts";

/** Where a benchmarked service keeps its data: the service's own settings. */
export interface StoreSettings {
  DATABASE_URL: string;
  DATABASE_SCHEMA?: string;
}

export const sqliteFile = (file: string): StoreSettings => ({ DATABASE_URL: `sqlite:${file}` });

/** Adds one mobileApp with `statuses` userAppInstallStatuses to the store; resolves with its id. */
export function seedApp(store: StoreSettings, statuses: number): Promise<string> {
  const child = spawn(process.execPath, ["scripts/cli.mjs", "seed", "--apps", "1", "--statuses", String(statuses)], {
    cwd: REPO_ROOT,
    env: serverEnvironment({ ...store }),
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  adopt(child);
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const id = stdout.trim();
      if (code === 0 && /^[0-9a-f-]{36}$/.test(id)) resolve(id);
      else reject(new Error(`npm run seed -- --apps 1 --statuses ${statuses} failed (exit ${code}): ${stdout}`));
    });
  });
}
