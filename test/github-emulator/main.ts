/**
 * Start the emulator on its own: `npm run emulator -- --port 3001 --webhook-url http://127.0.0.1:3000/api/github/webhooks --secret dev`
 * (or EMULATOR_PORT, WEBHOOK_URL / WEBHOOK_PROXY_URL, WEBHOOK_SECRET). Seeds nothing.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "webhook-url": { type: "string" },
    secret: { type: "string" },
    "app-id": { type: "string" },
    "app-slug": { type: "string" },
  },
});

const appId = values["app-id"] ?? process.env["APP_ID"];
const emulator = await startEmulator({
  port: Number(values.port ?? process.env["EMULATOR_PORT"] ?? 0),
  host: values.host ?? "127.0.0.1",
  ...(values["webhook-url"] ?? process.env["WEBHOOK_URL"] ? { webhookUrl: (values["webhook-url"] ?? process.env["WEBHOOK_URL"]) as string } : {}),
  ...(values.secret ?? process.env["WEBHOOK_SECRET"] ? { webhookSecret: (values.secret ?? process.env["WEBHOOK_SECRET"]) as string } : {}),
  app: { ...(appId ? { id: Number(appId) } : {}), ...(values["app-slug"] ? { slug: values["app-slug"] } : {}) },
  log: (line) => console.log(line),
});

console.log(`GitHub emulator listening on ${emulator.url} (REST at / and /api/v3, GraphQL at /graphql and /api/graphql)`);

const shutdown = (): void => {
  void emulator.stop().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
