/**
 * The one schema for `.github/tasksync.yml`: it gives the TypeScript type, the defaults, the
 * validation (with the key at fault) and the JSON Schema file for editors.
 */
import { z } from "zod";

const color = z
  .string()
  .regex(/^#?[0-9a-fA-F]{6}$/, "must be a 6-digit hex colour such as 5319e7")
  .transform((c) => c.replace(/^#/, "").toLowerCase());

const labelName = z.string().min(1).max(50);

const fixedLabel = (name: string, defaultColor: string, description: string) =>
  z
    .strictObject({
      name: labelName.default(name).describe("Label name."),
      color: color.default(defaultColor).describe("Label colour (hex, no #)."),
    })
    .prefault({})
    .describe(description);

const prefixedLabel = (prefix: string, defaultColor: string, description: string) =>
  z
    .strictObject({
      prefix: z.string().max(30).default(prefix).describe("Prefix put before the value."),
      color: color.default(defaultColor).describe("Label colour (hex, no #)."),
    })
    .prefault({})
    .describe(description);

export const configSchema = z
  .strictObject({
    paths: z
      .array(z.string().min(1))
      .min(1)
      .default([
        "specs/*/tasks.md",
        ".xe/specs/*/tasks.md",
        ".xe/features/*/tasks.md",
        ".kiro/specs/*/tasks.md",
        "openspec/changes/*/tasks.md",
        "kitty-specs/*/tasks.md",
      ])
      .describe("Globs of the task lists to sync (`*` matches one folder name, `**` any depth)."),
    issues: z
      .strictObject({
        titleTemplate: z
          .string()
          .min(1)
          .default("{id} {description}")
          .describe("Title of a task's issue. Placeholders: {id}, {description}, {feature}, {phase}, {story}."),
        featureTitleTemplate: z
          .string()
          .min(1)
          .default("{feature}: {title}")
          .describe("Title of a feature's tracking issue. Placeholders: {feature}, {title}."),
        phaseTitleTemplate: z
          .string()
          .min(1)
          .default("{feature} · {phase}")
          .describe("Title of a phase issue. Placeholders: {feature}, {phase}, {number}, {title}."),
        onRemoved: z
          .enum(["close", "leave-open"])
          .default("close")
          .describe("What happens to the issue of a task removed from its list: closed as not planned, or left open."),
        type: z
          .string()
          .min(1)
          .nullable()
          .default("Task")
          .describe(
            "Issue type of a task's issue, where the organisation has issue types (null: none). Missing types are skipped.",
          ),
        featureType: z
          .string()
          .min(1)
          .nullable()
          .default("Feature")
          .describe("Issue type of a feature's tracking issue, where the organisation has issue types (null: none)."),
        granularity: z
          .enum(["task", "phase"])
          .default("task")
          .describe(
            "One issue per task, or one issue per phase whose body holds its tasks as a checklist (ticking a box ticks the task). Switching to phase closes the task issues as not planned; switching back reopens them.",
          ),
      })
      .prefault({})
      .describe("How issues are titled and what happens to removed tasks."),
    milestones: z
      .enum(["none", "phase", "story"])
      .default("none")
      .describe(
        "One milestone per phase or per user story holding its task issues; none: tasksync leaves milestones alone.",
      ),
    labels: z
      .strictObject({
        tasksync: fixedLabel("tasksync", "5319e7", "The label every issue tasksync manages carries."),
        feature: prefixedLabel("feature: ", "1d76db", "The feature (task list folder) label."),
        phase: prefixedLabel("phase: ", "c5def5", "The phase or step label."),
        story: prefixedLabel("story: ", "0e8a16", "The user-story label (US1 ...)."),
        priority: prefixedLabel("priority: ", "d93f0b", "The priority label (P1 ...), from the phase heading."),
        parallel: fixedLabel("parallel", "fbca04", "Tasks marked [P]."),
        mvp: fixedLabel("mvp", "b60205", "Tasks of a phase marked MVP."),
        ready: z
          .strictObject({
            enabled: z
              .boolean()
              .default(true)
              .describe(
                "Put the label on every open task whose blockers (its own, its groups' and its phase's) are all done, and take it off when that stops being true.",
              ),
            name: labelName.default("ready").describe("Label name."),
            color: color.default("0e8a16").describe("Label colour (hex, no #)."),
          })
          .prefault({})
          .describe("The ready queue: the label on tasks anyone can pick up now."),
      })
      .prefault({})
      .describe("Label names and colours."),
    writeBack: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe("Tick a task in tasks.md when its issue is closed, untick when reopened."),
        batchWindowSeconds: z
          .number()
          .min(0)
          .max(60)
          .default(3)
          .describe("Issues closed within this many seconds become one commit."),
        onNotPlanned: z
          .enum(["keep", "tick"])
          .default("keep")
          .describe("A task whose issue is closed as not planned: keep its checkbox, or tick it."),
      })
      .prefault({})
      .describe("Writing issue state back to the task list."),
    gates: z
      .strictObject({
        enabled: z.boolean().default(true).describe("Run the `tasksync / gates` check on pull requests."),
        mode: z
          .enum(["strict", "advisory"])
          .default("strict")
          .describe("strict: a failed gate fails the check; advisory: it reports neutral."),
        evidence: z
          .boolean()
          .default(false)
          .describe(
            "Require the PR body to quote each verification command (in backticks) named by a task it completes.",
          ),
      })
      .prefault({})
      .describe("The pull-request check."),
    agents: z
      .strictObject({
        dispatch: z
          .enum(["none", "label", "comment", "copilot", "workflow"])
          .default("none")
          .describe(
            "How a ready task is handed to a coding agent: none; label (put `agents.label` on its issue); comment (one comment opening with `agents.comment`); copilot (assign Copilot's coding agent; needs a user token); workflow (a `repository_dispatch` event `tasksync-task-ready`).",
          ),
        label: labelName
          .nullable()
          .default(null)
          .describe("dispatch: label: the label an agent's app or workflow reacts to (`claude`, `kiro`)."),
        comment: z
          .string()
          .min(1)
          .max(100)
          .nullable()
          .default(null)
          .describe("dispatch: comment: the mention the hand-off comment opens with (`@claude`, `/kiro`)."),
        maxInFlight: z
          .int()
          .min(1)
          .max(50)
          .default(1)
          .describe("Tasks handed out and still open at once, per task list."),
        only: z
          .array(z.string().min(1))
          .default([])
          .describe(
            "Phases (number or title), stories (US1) or labels whose tasks may be handed out; empty: every task.",
          ),
      })
      .superRefine((agents, ctx) => {
        if (agents.dispatch === "label" && agents.label === null)
          ctx.addIssue({
            code: "custom",
            path: ["label"],
            message: "dispatch: label needs the label to put on the issue, such as `label: claude`",
          });
        if (agents.dispatch === "comment" && agents.comment === null)
          ctx.addIssue({
            code: "custom",
            path: ["comment"],
            message: 'dispatch: comment needs the mention to open the comment with, such as `comment: "@claude"`',
          });
      })
      .prefault({})
      .describe("Handing ready tasks to coding agents, each exactly once (see README, Hand tasks to agents)."),
    adopt: z
      .boolean()
      .default(false)
      .describe(
        "Take over the open issues people already opened for the tasks (`T001: …`, `[T001] …`, `T001 …`, as `/speckit.taskstoissues` makes them) instead of opening second ones: an issue whose title names the task's id and reads like its description, opened by someone with write access. Its text stays; tasksync adds its label and its own section below.",
      ),
    project: z
      .string()
      .refine(
        (ref) => ref === "" || /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[1-9][0-9]*$/.test(ref),
        "must be <organization or user>/<project number>, such as octo-org/5",
      )
      .default("")
      .describe(
        "A GitHub Project (`<organization or user>/<number>`, empty for none) every issue tasksync makes is added to, with the fields Task ID, Phase, Story, Priority, Parallel and Status kept current. A GitHub App can reach only organization projects.",
      ),
  })
  .prefault({});

export type TasksyncConfig = z.output<typeof configSchema>;
export type TasksyncConfigInput = z.input<typeof configSchema>;

export const defaultConfig: TasksyncConfig = configSchema.parse({});
