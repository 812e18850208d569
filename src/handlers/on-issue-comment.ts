/**
 * `/tasksync sync` commented on a feature's tracking issue (or any issue tasksync manages) by
 * someone with write access → sync that feature's task list now.
 */
import type { Probot } from "probot";
import type { AppRuntime } from "../app/runtime.js";
import { requireFields } from "./payload-guard.js";
import { parseMarker } from "../identity/marker.js";
import { queueFullSync } from "./on-installation.js";

const COMMAND = /^\s*\/tasksync\s+sync\b/m;
const WRITE_PERMISSIONS = new Set(["admin", "maintain", "write"]);

export function registerCommentHandler(app: Probot, runtime: AppRuntime): void {
  app.on("issue_comment.created", async (context) => {
    requireFields("issue_comment", context.payload, [
      "comment.body",
      "comment.id",
      "issue.number",
      "repository.name",
      "repository.full_name",
      "repository.owner.login",
      "sender.login",
    ]);
    const { comment, issue, repository, sender } = context.payload;
    if (!COMMAND.test(comment.body) || sender.type === "Bot") return;
    const marker = parseMarker(issue.body);
    if (!marker) return;
    const log = context.log.child({ delivery: context.id, repo: repository.full_name, file: marker.path });
    const repo = { owner: repository.owner.login, repo: repository.name };
    const gh = context.octokit;
    const { data } = await gh.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      ...repo,
      username: sender.login,
    });
    if (!WRITE_PERMISSIONS.has(data.permission) && !WRITE_PERMISSIONS.has(data.role_name ?? "")) {
      log.info({ user: sender.login, permission: data.permission }, "/tasksync sync refused: no write access");
      await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        ...repo,
        issue_number: issue.number,
        body: `@${sender.login} \`/tasksync sync\` needs write access to this repository.`,
      });
      return;
    }
    log.info({ user: sender.login }, "/tasksync sync requested");
    queueFullSync(app, runtime, gh, repository.full_name, log, [marker.path], context.payload.installation?.id)
      .then(() =>
        gh.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
          ...repo,
          comment_id: comment.id,
          content: "rocket",
        }),
      )
      .catch((error: unknown) => log.error({ err: error }, "requested sync failed"));
  });
}
