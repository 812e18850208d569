/**
 * Start the emulator on its own: `npm run emulator -- --port 3001 --webhook-url http://127.0.0.1:3000/api/github/webhooks --secret dev`
 * (or EMULATOR_PORT, WEBHOOK_URL / WEBHOOK_PROXY_URL, WEBHOOK_SECRET). `--seed demo/` adds a
 * repository (`--repo owner/name`, default octo/demo) holding the task lists found there and
 * prints a token and the CLI commands to paste. `--latency github` answers as slowly as GitHub
 * (a read ~100 ms, a write and GraphQL ~300 ms); `--read-ms`, `--write-ms`, `--graphql-ms` and
 * their `--*-jitter-ms` set each class (or EMULATOR_LATENCY, EMULATOR_READ_MS, EMULATOR_READ_JITTER_MS ...).
 */
import { parseArgs } from "node:util";
import { latencyFromEnv, startEmulator } from "./index.js";
import { pasteLines, seedRepository } from "./seed.js";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "webhook-url": { type: "string" },
    secret: { type: "string" },
    "app-id": { type: "string" },
    "app-slug": { type: "string" },
    seed: { type: "string" },
    repo: { type: "string" },
    quiet: { type: "boolean" },
    latency: { type: "string" },
    "read-ms": { type: "string" },
    "read-jitter-ms": { type: "string" },
    "write-ms": { type: "string" },
    "write-jitter-ms": { type: "string" },
    "graphql-ms": { type: "string" },
    "graphql-jitter-ms": { type: "string" },
  },
});
const latency = latencyFromEnv(process.env, values as Partial<Record<string, string>>);

const appId = values["app-id"] ?? process.env["APP_ID"];
const emulator = await startEmulator({
  port: Number(values.port ?? process.env["EMULATOR_PORT"] ?? 0),
  host: values.host ?? "127.0.0.1",
  ...((values["webhook-url"] ?? process.env["WEBHOOK_URL"])
    ? { webhookUrl: (values["webhook-url"] ?? process.env["WEBHOOK_URL"]) as string }
    : {}),
  ...((values.secret ?? process.env["WEBHOOK_SECRET"])
    ? { webhookSecret: (values.secret ?? process.env["WEBHOOK_SECRET"]) as string }
    : {}),
  app: { ...(appId ? { id: Number(appId) } : {}), ...(values["app-slug"] ? { slug: values["app-slug"] } : {}) },
  ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  latency,
});

console.log(
  `GitHub emulator listening on ${emulator.url} (REST at / and /api/v3, GraphQL at /graphql and /api/graphql)`,
);
if (values.seed) {
  const seeded = seedRepository(emulator, values.seed, values.repo);
  console.log(`\nSeeded ${seeded.owner}/${seeded.repo} with ${seeded.paths.join(", ")}.`);
  console.log(
    "Try the CLI: paste these lines into another terminal, in this folder (Ctrl-C here stops the emulator):\n",
  );
  for (const line of pasteLines(emulator.url, seeded)) console.log(`  ${line}`);
  console.log("");
}

const shutdown = (): void => {
  void emulator.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
