/** Which existing issue a task adopts: title forms, text near-misses, repeated ids, ties and trust. */
import { describe, expect, it } from "@jest/globals";
import {
  ADOPT_THRESHOLD,
  candidateText,
  comparableText,
  decideAdoptions,
  textSimilarity,
  titleWithoutId,
  type AdoptionCandidate,
  type AdoptionTask,
} from "../../../../src/reconcile/observe/adopt-match.js";

const A = "specs/001-photo-albums/tasks.md";
const B = "specs/002-sharing/tasks.md";
const task = (id: string, description: string, path = A): AdoptionTask => ({
  key: `${path}#${id}`,
  path,
  id,
  description,
});
let next = 1;
const issue = (title: string, author: string | null = "maintainer", body = ""): AdoptionCandidate => ({
  number: next++,
  title,
  body,
  author,
});
const everyone = (): boolean => true;

describe("the title names the task's id", () => {
  it.each([
    ["T001: Create the project skeleton", "Create the project skeleton"], // /speckit.taskstoissues
    ["T001 - Create the project skeleton", "Create the project skeleton"],
    ["T001 – Create the project skeleton", "Create the project skeleton"],
    ["[T001] Create the project skeleton", "Create the project skeleton"],
    ["(T001) Create the project skeleton", "Create the project skeleton"],
    ["T001 Create the project skeleton", "Create the project skeleton"],
    ["T001. Create the project skeleton", "Create the project skeleton"],
    ["t001: Create the project skeleton", "Create the project skeleton"],
    ["Task T001: Create the project skeleton", "Create the project skeleton"],
    ["[001-photo-albums] T001 Create the project skeleton", "Create the project skeleton"],
    ["[P] [T001] Create the project skeleton", "Create the project skeleton"],
    ["  T001:   Create the project skeleton  ", "Create the project skeleton"],
  ])("%j → %j", (title, rest) => {
    expect(titleWithoutId(title, "T001")).toBe(rest);
  });

  it.each([
    "T0010: Create the project skeleton",
    "T001a Create the project skeleton",
    "ST001 Create the project skeleton",
    "Create the project skeleton (T001)",
    "T002: Create the project skeleton",
    "[T002] Create the project skeleton",
  ])("%j does not name T001 first", (title) => {
    expect(titleWithoutId(title, "T001")).toBeNull();
  });

  it("an id with dots (Kiro) is matched literally", () => {
    expect(titleWithoutId("1.2 Add the album model", "1.2")).toBe("Add the album model");
    expect(titleWithoutId("102 Add the album model", "1.2")).toBeNull();
  });

  it("a title without an id counts when the body names the id (older taskstoissues prompts); one naming another id does not", () => {
    const body = "Task ID: T001\n\nFrom tasks.md";
    expect(candidateText(issue("Create the project skeleton", "m", body), "T001")).toBe("Create the project skeleton");
    expect(candidateText(issue("Create the project skeleton", "m", "Task ID: T0011"), "T001")).toBeNull();
    expect(candidateText(issue("T002: Create the project skeleton", "m", body), "T001")).toBeNull();
  });
});

describe("the text must read like the task's description", () => {
  it("markdown, punctuation, tags, case and spaces do not count", () => {
    expect(comparableText("**Create** the `src/app.ts` [P] [US1] skeleton!!  ")).toBe("create the src app ts skeleton");
    expect(textSimilarity("Create the *project* skeleton.", "create   the project skeleton")).toBe(1);
    expect(textSimilarity("[Create the project skeleton](https://x.test/1)", "Create the project skeleton")).toBe(1);
  });

  it.each([
    ["Create project skeleton", true], // a dropped article
    ["Create the project skeletons", true], // a plural
    ["Creat the projct skeleton", true], // typos
    ["Skeleton: create the project", true], // word order
    ["Create the project structure", false], // another task
    ["Create the test skeleton", false],
    ["Delete the project skeleton", false],
    ["Create", false],
    ["", false],
  ])("%j against 'Create the project skeleton': adopted %s", (text, adopted) => {
    const score = textSimilarity(text, "Create the project skeleton");
    expect(score >= ADOPT_THRESHOLD).toBe(adopted);
  });
});

describe("decideAdoptions", () => {
  it("adopts the one issue that names the task and reads like it; ignores the rest", () => {
    const tasks = [task("T001", "Create the project skeleton"), task("T002", "Add linting")];
    const mine = issue("T001: Create the project skeleton");
    const other = issue("T002: Write the release notes"); // T002's id, another text
    const unrelated = issue("Fix the login page");
    const { adoptions, diagnostics } = decideAdoptions(tasks, [mine, other, unrelated], everyone);
    expect(adoptions.map((a) => [a.task.id, a.issue.number])).toEqual([["T001", mine.number]]);
    expect(diagnostics).toEqual([]);
  });

  it("an id repeated across features: the text decides", () => {
    const tasks = [task("T001", "Create the project skeleton", A), task("T001", "Add the share dialog", B)];
    const forA = issue("T001: Create the project skeleton");
    const forB = issue("[T001] Add the share dialog");
    const { adoptions, diagnostics } = decideAdoptions(tasks, [forA, forB], everyone);
    expect(adoptions.map((a) => [a.task.key, a.issue.number])).toEqual([
      [`${A}#T001`, forA.number],
      [`${B}#T001`, forB.number],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it("one issue two tasks could claim equally: none adopted, a diagnostic names both tasks and the issue", () => {
    const tasks = [task("T001", "Create the project skeleton", A), task("T001", "Create the project skeleton", B)];
    const both = issue("T001: Create the project skeleton");
    const { adoptions, diagnostics } = decideAdoptions(tasks, [both], everyone);
    expect(adoptions).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.kind).toBe("ambiguous");
    expect(diagnostics[0]?.paths.sort()).toEqual([A, B]);
    expect(diagnostics[0]?.message).toContain(`#${both.number}`);
    expect(diagnostics[0]?.message).toContain(`T001 of \`${A}\``);
    expect(diagnostics[0]?.message).toContain(`T001 of \`${B}\``);
  });

  it("one issue, two tasks, one text clearly better: the better task adopts it, the other is not told", () => {
    const tasks = [task("T001", "Create the project skeleton", A), task("T001", "Create the project skeletons now", B)];
    const it1 = issue("T001: Create the project skeleton");
    const { adoptions, diagnostics } = decideAdoptions(tasks, [it1], everyone);
    expect(adoptions.map((a) => a.task.key)).toEqual([`${A}#T001`]);
    expect(diagnostics).toEqual([]);
  });

  it("two issues equally good for one task: none adopted, a diagnostic names both issues", () => {
    const tasks = [task("T001", "Create the project skeleton")];
    const first = issue("T001: Create the project skeleton");
    const second = issue("[T001] Create the project skeleton.");
    const { adoptions, diagnostics } = decideAdoptions(tasks, [first, second], everyone);
    expect(adoptions).toEqual([]);
    expect(diagnostics.map((d) => d.kind)).toEqual(["ambiguous"]);
    expect(diagnostics[0]?.message).toContain(`#${first.number}`);
    expect(diagnostics[0]?.message).toContain(`#${second.number}`);
  });

  it("a read-only user's look-alike is left alone with a diagnostic, and does not make the maintainer's ambiguous", () => {
    const tasks = [task("T001", "Create the project skeleton")];
    const real = issue("T001: Create the project skeleton", "maintainer");
    const spoof = issue("T001: Create the project skeleton", "mallory");
    const { adoptions, diagnostics } = decideAdoptions(tasks, [real, spoof], (login) => login === "maintainer");
    expect(adoptions.map((a) => a.issue.number)).toEqual([real.number]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ kind: "untrusted", message: expect.stringContaining(`#${spoof.number}`) }),
    ]);
    expect(diagnostics[0]?.message).toContain("@mallory");
  });

  it("an issue whose author is unknown (a deleted account) is not adopted", () => {
    const { adoptions, diagnostics } = decideAdoptions(
      [task("T001", "Create the project skeleton")],
      [issue("T001: Create the project skeleton", null)],
      everyone,
    );
    expect(adoptions).toEqual([]);
    expect(diagnostics.map((d) => d.kind)).toEqual(["untrusted"]);
  });

  it("an issue carrying a tasksync marker someone pasted is not adopted", () => {
    const pasted = issue(
      "T001: Create the project skeleton",
      "maintainer",
      'text\n<!-- tasksync:v1 {"kind":"task","path":"x","id":"T9","text":"y"} -->',
    );
    const { adoptions, diagnostics } = decideAdoptions(
      [task("T001", "Create the project skeleton")],
      [pasted],
      everyone,
    );
    expect(adoptions).toEqual([]);
    expect(diagnostics.map((d) => d.kind)).toEqual(["has-marker"]);
  });

  it("a near-miss text is not adopted and says nothing (it is another task)", () => {
    const { adoptions, diagnostics } = decideAdoptions(
      [task("T001", "Create the project skeleton")],
      [issue("T001: Create the project structure")],
      everyone,
    );
    expect(adoptions).toEqual([]);
    expect(diagnostics).toEqual([]);
  });
});
