/**
 * A pure, in-memory stand-in for the issues of one repository, for planner tests: it turns its
 * state into the planner's observation and applies a plan's operations to itself.
 */
import { toTrackedIssue } from "../../../src/reconcile/observe/tracked-issues.js";
import { resolveIssueTokens } from "../../../src/reconcile/render/issue-ref-tokens.js";
import { parseMarker } from "../../../src/identity/marker.js";
import type { Operation } from "../../../src/reconcile/operations.js";
import type { FileObservation, Plan } from "../../../src/reconcile/plan/plan-list.js";

export interface FakeIssue {
  number: number;
  id: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  stateReason: string | null;
  parent: number | null;
  blockedBy: number[];
  comments: Array<{ id: number; body: string }>;
  /** Logins assigned (none when absent). */
  assignees?: string[];
}

export class FakeGitHub {
  issues: FakeIssue[] = [];
  labels = new Map<string, { name: string; color: string }>();
  /** Every hand-off to an agent applied, in order. */
  handoffs: Array<Extract<Operation, { kind: "dispatch-task" }>> = [];
  private next = 1;

  observe(): FileObservation {
    const issues = this.issues.flatMap((i) => {
      const t = toTrackedIssue({
        number: i.number,
        id: i.id,
        node_id: `I_${i.id}`,
        title: i.title,
        body: i.body,
        state: i.state,
        state_reason: i.stateReason,
        labels: i.labels.map((name) => ({ name })),
        parent_issue_url: i.parent === null ? null : `https://api.example/repos/o/r/issues/${i.parent}`,
        issue_dependencies_summary: { total_blocked_by: i.blockedBy.length, blocked_by: 0 },
        html_url: `https://example/o/r/issues/${i.number}`,
        assignees: (i.assignees ?? []).map((login) => ({ login })),
      });
      return t ? [t] : [];
    });
    const blockedBy = new Map<string, Array<{ number: number; id: number }>>();
    for (const t of issues) {
      const fake = this.byNumber(t.number);
      blockedBy.set(
        t.key,
        fake.blockedBy.map((n) => ({ number: n, id: this.byNumber(n).id })),
      );
    }
    const tracking = this.issues.find((i) => i.body.includes('"kind":"tracking"'));
    const diag = tracking?.comments.find((c) => c.body.startsWith("<!-- tasksync:diagnostics -->"));
    return { issues, labels: new Map(this.labels), blockedBy, diagnosticsComment: diag ?? null };
  }

  /** The issue of task `id` (by its marker); throws when there is none. */
  task(id: string): FakeIssue {
    const issue = this.issues.find((i) => {
      const m = parseMarker(i.body);
      return m?.kind === "task" && m.id === id;
    });
    if (!issue) throw new Error(`no issue for ${id}`);
    return issue;
  }

  byNumber(n: number): FakeIssue {
    const issue = this.issues.find((i) => i.number === n);
    if (!issue) throw new Error(`no issue #${n}`);
    return issue;
  }

  apply(plan: Plan): void {
    const refs = new Map(plan.refs);
    const num = (key: string): number => {
      const r = refs.get(key);
      if (!r) throw new Error(`unresolved ${key}`);
      return r.number;
    };
    for (const op of plan.operations) this.applyOne(op, refs, num);
  }

  private applyOne(
    op: Operation,
    refs: Map<string, { number: number; id: number }>,
    num: (key: string) => number,
  ): void {
    switch (op.kind) {
      case "ensure-label":
        this.labels.set(op.name.toLowerCase(), { name: op.name, color: op.color });
        return;
      case "create-issue": {
        const number = this.next++;
        this.issues.push({
          number,
          id: 1000 + number,
          title: op.title,
          body: resolveIssueTokens(op.body, (k) => refs.get(k)?.number),
          labels: [...op.labels],
          state: "open",
          stateReason: null,
          parent: null,
          blockedBy: [],
          comments: [],
        });
        refs.set(op.key, { number, id: 1000 + number });
        return;
      }
      case "update-issue": {
        const issue = this.byNumber(op.number ?? num(op.key));
        if (op.title !== undefined) issue.title = op.title;
        if (op.body !== undefined) issue.body = resolveIssueTokens(op.body, (k) => refs.get(k)?.number); // as apply does
        if (op.labels !== undefined) issue.labels = [...op.labels];
        if (op.state !== undefined) {
          issue.state = op.state;
          issue.stateReason = op.stateReason ?? null;
        }
        return;
      }
      case "add-sub-issue":
        this.byNumber(num(op.key)).parent = num(op.parentKey);
        return;
      case "add-blocked-by": {
        const issue = this.byNumber(num(op.key));
        const blocker = num(op.blockerKey);
        if (!issue.blockedBy.includes(blocker)) issue.blockedBy.push(blocker);
        return;
      }
      case "remove-blocked-by": {
        const issue = this.byNumber(num(op.key));
        issue.blockedBy = issue.blockedBy.filter((n) => this.byNumber(n).id !== op.blockerId);
        return;
      }
      case "comment":
        this.byNumber(num(op.key)).comments.push({ id: 5000 + this.next++, body: op.body });
        return;
      case "adopt-issue":
        throw new Error("the fake GitHub does not adopt issues: adoption is tested against the emulator's store");
      case "dispatch-task": {
        const issue = this.byNumber(op.number);
        this.handoffs.push(op);
        if (op.send.mode === "label" && !issue.labels.includes(op.send.label)) issue.labels.push(op.send.label);
        if (op.send.mode === "copilot") issue.assignees = [...(issue.assignees ?? []), op.send.assignee];
        if (op.send.mode === "comment") issue.comments.push({ id: 5000 + this.next++, body: op.send.body });
        issue.body = op.body;
        return;
      }
      case "ensure-milestone":
      case "set-issue-fields":
      case "write-checkboxes":
        return; // not kept by this fake
      case "update-comment": {
        const comment = this.issues.flatMap((i) => i.comments).find((c) => c.id === op.commentId);
        if (!comment) throw new Error(`no comment ${op.commentId}`);
        comment.body = op.body;
        return;
      }
    }
  }
}
