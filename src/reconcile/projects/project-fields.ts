/**
 * The fields tasksync keeps in a GitHub Project, with the type it creates each one as, and the
 * Status options. Names are matched without regard to case ("In progress" is "In Progress").
 */
export type ProjectOptionColor = "BLUE" | "GRAY" | "GREEN" | "ORANGE" | "PINK" | "PURPLE" | "RED" | "YELLOW";

export interface OptionSpec {
  name: string;
  color: ProjectOptionColor;
  description: string;
}

export interface FieldSpec {
  name: ProjectFieldName;
  dataType: "TEXT" | "SINGLE_SELECT";
  options?: readonly OptionSpec[];
}

export type ProjectFieldName = "Task ID" | "Phase" | "Story" | "Priority" | "Parallel" | "Status";

export type ProjectStatus = "Todo" | "Ready" | "In Progress" | "Done";

export const STATUS_OPTIONS: readonly OptionSpec[] = [
  { name: "Todo", color: "GRAY", description: "Waits for a blocker" },
  { name: "Ready", color: "BLUE", description: "Every blocker is done: ready to pick up" },
  { name: "In Progress", color: "YELLOW", description: "An open pull request will close it" },
  { name: "Done", color: "GREEN", description: "Done, or dropped" },
];

export const PROJECT_FIELD_SPECS: readonly FieldSpec[] = [
  { name: "Task ID", dataType: "TEXT" },
  { name: "Phase", dataType: "TEXT" },
  { name: "Story", dataType: "TEXT" },
  { name: "Priority", dataType: "TEXT" },
  {
    name: "Parallel",
    dataType: "SINGLE_SELECT",
    options: [
      { name: "Yes", color: "GREEN", description: "Marked [P]: may run in parallel" },
      { name: "No", color: "GRAY", description: "" },
    ],
  },
  { name: "Status", dataType: "SINGLE_SELECT", options: STATUS_OPTIONS },
];

/** A status the project lacks is shown as the next one here, if the project has it. */
export const STATUS_FALLBACK: Readonly<Record<ProjectStatus, ProjectStatus | null>> = {
  Todo: null,
  Ready: "Todo",
  "In Progress": null,
  Done: null,
};

export const sameName = (a: string, b: string): boolean => a.localeCompare(b, "en", { sensitivity: "accent" }) === 0;

/** One issue's wanted field values (null: no value). */
export type ProjectValues = Record<ProjectFieldName, string | null>;
