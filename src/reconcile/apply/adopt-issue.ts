/**
 * Applies an `adopt-issue`: tasksync's section below the person's text, then its labels added
 * (added, never set, so a label someone put on meanwhile stays). The issue is read first: if its
 * person's text changed since the plan read it, or it was closed, nothing is written and the
 * next reconcile decides again — a person's edit is never overwritten by a stale copy. A write
 * that fails without an answer (5xx, timeout) is looked at again and sent once more only while
 * the body still reads as it did; so a body GitHub did take is not written twice.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { statusOf } from "../../github/client.js";
import { personText } from "../render/adopted-body.js";
import { operationLogFields, type Operation } from "../operations.js";
import { comparableBody } from "../plan/plan-fields.js";
import { isAmbiguous, SEND_ONCE } from "./ambiguous-write.js";
import type { PacedWrites } from "./paced-writes.js";

type AdoptOp = Extract<Operation, { kind: "adopt-issue" }>;

export interface AdoptWrite {
  gh: GitHubClient;
  repo: RepoRef;
  log: Logger;
  writes: PacedWrites;
}

/** Null when adopted; else why it was left for the next reconcile. */
export async function adoptIssue(w: AdoptWrite, op: AdoptOp, body: string): Promise<string | null> {
  const { gh, repo, log } = w;
  const read = async () =>
    (await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: op.number })).data;
  const now = await read();
  if (now.state !== "open") return "it was closed since it was read";
  const same = (a: string, b: string): boolean => comparableBody(a) === comparableBody(b);
  if (!same(personText(now.body ?? ""), personText(op.bodySeen))) return "its text was edited since it was read";
  if (!same(now.body ?? "", body)) {
    const send = () =>
      w.writes.once(() =>
        gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          ...repo,
          issue_number: op.number,
          body,
          ...SEND_ONCE,
        }),
      );
    try {
      await send();
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      const after = (await read()).body ?? "";
      const there = same(after, body);
      log.warn(
        { ...operationLogFields(op), status: statusOf(error) ?? null, there },
        "adopting failed without an answer: looked at the issue again",
      );
      if (!there) {
        if (!same(after, op.bodySeen)) return "its text was edited since it was read";
        await send();
      }
    }
  }
  const have = new Set(
    now.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")).toLowerCase()).filter((n) => n !== ""),
  );
  const missing = op.labels.filter((l) => !have.has(l.toLowerCase()));
  if (missing.length > 0)
    await w.writes.idempotent(() =>
      gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        ...repo,
        issue_number: op.number,
        labels: missing,
      }),
    );
  return null;
}
