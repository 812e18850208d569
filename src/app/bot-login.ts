/**
 * The app's own bot login (`<slug>[bot]`), learned once from `GET /app` the first time a bot
 * sender needs telling apart from others (dependabot, github-actions, ...).
 */
import type { Logger } from "pino";
import type { Probot } from "probot";
import type { AppRuntime } from "./runtime.js";
import { messageOf } from "../github/client.js";

export async function learnBotLogin(app: Probot, runtime: AppRuntime, log: Logger): Promise<string | undefined> {
  if (runtime.botLogin !== undefined) return runtime.botLogin;
  try {
    const gh = await app.auth();
    const { data } = await gh.request("GET /app");
    if (data?.slug) runtime.botLogin = `${data.slug}[bot]`;
  } catch (error) {
    log.warn({ error: messageOf(error) }, "could not learn the app's bot login: every [bot] sender counts as tasksync");
  }
  return runtime.botLogin;
}
