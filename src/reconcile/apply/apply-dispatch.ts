/**
 * Apply's hand-offs of tasks to coding agents (called only from {@link applyPlan}), each exactly
 * once. A hand-off GitHub shows (the label, the agent's assignment, the comment) is sent, then
 * recorded in the task's marker; after an answer lost to a 5xx or a timeout it is looked for on
 * the issue and sent again only when it is not there. A crash between the send and the record
 * leaves the trace, which the next reconcile finds and records (see {@link handoffVerdict}). A
 * `repository_dispatch` leaves no trace: it is recorded first and sent once, never again after
 * a lost answer; a crash between the two loses that one dispatch, and `/tasksync dispatch <id>`
 * sends it again.
 */
import type { Logger } from "pino";
import { statusOf, type GitHubClient, type RepoRef } from "../../github/client.js";
import { parseMarker } from "../../identity/marker.js";
import { withMarker } from "../render/with-marker.js";
import { COPILOT_LOGINS } from "../dispatch/handoff-state.js";
import { findHandoffComment } from "../observe/observe-handoffs.js";
import { operationLogFields, type Operation } from "../operations.js";
import { isAmbiguous, SEND_ONCE } from "./ambiguous-write.js";
import type { PacedWrites } from "./paced-writes.js";

type DispatchOp = Extract<Operation, { kind: "dispatch-task" }>;

export interface DispatchWritesDeps {
  gh: GitHubClient;
  /** A user's client: GitHub assigns Copilot's coding agent only with a user token. */
  agentGh?: GitHubClient;
  repo: RepoRef;
  log: Logger;
  writes: PacedWrites;
  /** tasksync's login, to find its own hand-off comment. */
  author?: string;
  /** The body as sent (issue tokens resolved). */
  bodyToSend: (key: string, body: string) => string;
}

export class DispatchWrites {
  constructor(private readonly d: DispatchWritesDeps) {}

  /** Hands the task out and records it; returns what was sent ("found": it was there after a lost answer). */
  async dispatch(op: DispatchOp): Promise<"sent" | "found" | "unanswered"> {
    switch (op.send.mode) {
      case "label": {
        const label = op.send.label;
        await this.d.writes.idempotent(() =>
          this.d.gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
            ...this.d.repo,
            issue_number: op.number,
            labels: [label],
          }),
        );
        await this.record(op, op.body);
        return "sent";
      }
      case "comment": {
        const { id, outcome } = await this.comment(op, op.send.body);
        const marker = parseMarker(op.body);
        const body =
          marker?.kind === "task" && marker.agent
            ? withMarker(op.body, { ...marker, agent: { ...marker.agent, comment: id } })
            : op.body;
        await this.record(op, body);
        return outcome;
      }
      case "copilot": {
        const outcome = await this.assignAgent(op, op.send);
        await this.record(op, op.body);
        return outcome;
      }
      case "workflow": {
        await this.record(op, op.body);
        const { eventType, payload } = op.send;
        try {
          await this.d.writes.once(() =>
            this.d.gh.request("POST /repos/{owner}/{repo}/dispatches", {
              ...this.d.repo,
              event_type: eventType,
              client_payload: payload,
              ...SEND_ONCE,
            }),
          );
        } catch (error) {
          if (!isAmbiguous(error)) throw error;
          // Sent or not, it cannot be seen: never sent twice (a person repeats it with /tasksync dispatch).
          this.d.log.warn(
            { ...operationLogFields(op), status: statusOf(error) ?? null },
            "repository_dispatch failed without an answer: not sent again",
          );
          return "unanswered";
        }
        return "sent";
      }
    }
  }

  private async record(op: DispatchOp, body: string): Promise<void> {
    const resolved = this.d.bodyToSend(op.key, body);
    await this.d.writes.idempotent(() =>
      this.d.gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...this.d.repo,
        issue_number: op.number,
        body: resolved,
      }),
    );
  }

  private async comment(op: DispatchOp, body: string): Promise<{ id: number; outcome: "sent" | "found" }> {
    const { gh, repo } = this.d;
    const send = async (): Promise<number> => {
      const { data } = await this.d.writes.once(() =>
        gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          ...repo,
          issue_number: op.number,
          body,
          ...SEND_ONCE,
        }),
      );
      return Number(data.id);
    };
    try {
      return { id: await send(), outcome: "sent" };
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      const there = await findHandoffComment(gh, repo, op.number, op.taskId, this.d.author);
      this.d.log.warn(
        { ...operationLogFields(op), status: statusOf(error) ?? null, there: there !== null },
        "the hand-off comment failed without an answer: looked for it",
      );
      return there === null ? { id: await send(), outcome: "sent" } : { id: there, outcome: "found" };
    }
  }

  private async assignAgent(
    op: DispatchOp,
    send: Extract<DispatchOp["send"], { mode: "copilot" }>,
  ): Promise<"sent" | "found"> {
    const agentGh = this.d.agentGh;
    if (!agentGh) throw new Error("tasksync: dispatch: copilot needs a user token (TASKSYNC_AGENT_TOKEN)");
    const assign = () =>
      this.d.writes.once(() =>
        agentGh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
          ...this.d.repo,
          issue_number: op.number,
          assignees: [send.assignee],
          agent_assignment: { base_branch: send.baseBranch, custom_instructions: send.instructions },
          ...SEND_ONCE,
        }),
      );
    try {
      await assign();
      return "sent";
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      const { data } = await this.d.gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        ...this.d.repo,
        issue_number: op.number,
      });
      const there = (data.assignees ?? []).some((a) => COPILOT_LOGINS.includes(a.login.toLowerCase()));
      this.d.log.warn(
        { ...operationLogFields(op), status: statusOf(error) ?? null, there },
        "assigning the agent failed without an answer: looked at the issue",
      );
      if (there) return "found";
      await assign();
      return "sent";
    }
  }
}
