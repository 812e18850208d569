/**
 * Whose issues the Action trusts: the login its token writes as. The workflow's GITHUB_TOKEN
 * (an installation token) writes as github-actions[bot], and `GET /user` answers it 403; a
 * person's token (a PAT, used so that tasksync's commits start workflows, or to reach a
 * user-owned project) writes as that person, and `GET /user` names them.
 */
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import { messageOf, statusOf } from "../github/client.js";

/** The login the workflow's token acts as: its closes and commits are tasksync's own. */
export const ACTIONS_BOT = "github-actions[bot]";

export async function tokenLogin(gh: InstanceType<typeof ProbotOctokit>, log: Logger): Promise<string> {
  try {
    const { data } = await gh.request("GET /user");
    if (typeof data.login === "string" && data.login !== "") {
      log.info({ login: data.login }, `the token acts as ${data.login}: issues it created are tasksync's`);
      return data.login;
    }
  } catch (error) {
    const status = statusOf(error);
    if (status !== 403 && status !== 401)
      log.warn({ error: messageOf(error) }, `could not tell whom the token acts as: trusting ${ACTIONS_BOT}`);
  }
  return ACTIONS_BOT;
}
