/**
 * One task list and its issues, reconciled the way reconcile-file does it, purely: the baseline
 * is the text the tracking issue recorded, and a plan that edits the file is carried out on the
 * text (one character per checkbox) before the list is planned again at the new text.
 */
import { createHash } from "node:crypto";
import { defaultConfig, type TasksyncConfig } from "../../../src/config/schema.js";
import { parseMarker, type TrackingMarker } from "../../../src/identity/marker.js";
import { planFile, type Plan } from "../../../src/reconcile/plan/plan-list.js";
import { setCheckbox } from "../../../src/tasks/set-checkbox.js";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";
import type { TaskDocument } from "../../../src/tasks/model.js";
import { PATH } from "../../fixtures/photo-albums.js";
import { FakeGitHub, type FakeIssue } from "./fake-github.js";

const ctx = { owner: "o", repo: "r", htmlUrl: "https://github.com/o/r", defaultBranch: "main" };
const sha = (text: string): string => createHash("sha1").update(text).digest("hex");

export class ListRepo {
  readonly gh = new FakeGitHub();
  private readonly texts = new Map<string, string>();
  /** The file as it is on the default branch. */
  text = "";

  constructor(private readonly config: TasksyncConfig = defaultConfig) {}

  plan(text: string = this.text): Plan {
    this.texts.set(sha(text), text);
    return this.planDoc(parseTaskList(PATH, text), sha(text));
  }

  /** Plans a document as parsed (or altered) against the recorded base. */
  planDoc(doc: TaskDocument, blobSha: string): Plan {
    const observed = this.gh.observe();
    const recorded = this.tracking()?.sha;
    const base = recorded === undefined ? undefined : this.texts.get(recorded);
    return planFile({
      path: PATH,
      doc,
      baseline: base === undefined ? null : parseTaskList(PATH, base),
      blobSha,
      commitSha: "c0ffee",
      config: this.config,
      ctx,
      observed,
    });
  }

  /** A push of `text` (or a reconcile of the file as it is), applied: the plans of both passes. */
  reconcile(text: string = this.text): Plan[] {
    this.text = text;
    const plans: Plan[] = [];
    for (let pass = 1; pass <= 2; pass += 1) {
      const plan = this.plan();
      plans.push(plan);
      const edit = plan.operations.find((op) => op.kind === "write-checkboxes");
      if (edit?.kind !== "write-checkboxes") {
        this.gh.apply(plan);
        break;
      }
      for (const change of edit.changes) this.text = setCheckbox(this.text, change.taskId, change.checked);
    }
    return plans;
  }

  tracking(): TrackingMarker | undefined {
    const issue = this.gh.issues.find((i) => parseMarker(i.body)?.kind === "tracking");
    const marker = parseMarker(issue?.body);
    return marker?.kind === "tracking" ? marker : undefined;
  }

  trackingIssue(): FakeIssue {
    const issue = this.gh.issues.find((i) => parseMarker(i.body)?.kind === "tracking");
    if (!issue) throw new Error("no tracking issue");
    return issue;
  }

  task(id: string): FakeIssue {
    return this.gh.task(id);
  }

  /** A person closes or reopens a task's issue. */
  set(id: string, state: "open" | "closed"): void {
    const issue = this.task(id);
    issue.state = state;
    issue.stateReason = state === "closed" ? "completed" : "reopened";
  }
}

/** The operations a plan holds for one key. */
export const opsFor = (plan: Plan, key: string) =>
  plan.operations.filter(
    (op) =>
      ("key" in op && op.key === key) ||
      ("blockerKey" in op && op.blockerKey === key) ||
      ("parentKey" in op && op.parentKey === key),
  );
