/**
 * The project writer: carries out a project plan's operations in order (fields, then items,
 * then values), one at a time, spending the content budget before each (paced-writes.ts).
 * Field and option names are resolved to ids here, from the fields as observed or as just
 * created. Adding an item and writing a value are idempotent, so they are sent again after a
 * server error; creating a field is sent once (the next reconcile sees it if it happened). The
 * project notice on a tracking issue is written here too: updated idempotently, or posted once.
 */
import type { Logger } from "pino";
import type { GitHubClient, RepoRef } from "../../github/client.js";
import { fieldOf, type IssueProjectState, type ObservedProject, type ProjectField } from "./project-read.js";
import { sleep } from "../../util/sleep.js";
import type { PacedWrites } from "../apply/paced-writes.js";
import { SEND_ONCE } from "../apply/ambiguous-write.js";
import { sameName } from "./project-fields.js";
import { describeProjectOperation, type ProjectOperation } from "./project-plan.js";

const FIELD_SELECTION = `... on ProjectV2FieldCommon { id name dataType }
      ... on ProjectV2SingleSelectField { options { id name color description } }`;

export const CREATE_PROJECT_FIELD = `mutation TasksyncCreateProjectField($projectId: ID!, $name: String!, $dataType: ProjectV2CustomFieldType!, $options: [ProjectV2SingleSelectFieldOptionInput!]) {
  createProjectV2Field(input: { projectId: $projectId, name: $name, dataType: $dataType, singleSelectOptions: $options }) {
    projectV2Field {
      ${FIELD_SELECTION}
    }
  }
}`;

/** Replaces a single-select field's options (GitHub has no "add one option"): sent only to a project without items. */
export const SET_FIELD_OPTIONS = `mutation TasksyncSetFieldOptions($fieldId: ID!, $options: [ProjectV2SingleSelectFieldOptionInput!]) {
  updateProjectV2Field(input: { fieldId: $fieldId, singleSelectOptions: $options }) {
    projectV2Field {
      ${FIELD_SELECTION}
    }
  }
}`;

/** Adds an issue to a project; GitHub returns the existing item when it is there already. */
export const ADD_PROJECT_ITEM = `mutation TasksyncAddProjectItem($projectId: ID!, $contentId: ID!) {
  addProjectV2ItemById(input: { projectId: $projectId, contentId: $contentId }) {
    item { id }
  }
}`;

export const SET_PROJECT_FIELD_VALUE = `mutation TasksyncSetProjectFieldValue($projectId: ID!, $itemId: ID!, $fieldId: ID!, $value: ProjectV2FieldValue!) {
  updateProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: $value }) {
    projectV2Item { id }
  }
}`;

export const CLEAR_PROJECT_FIELD_VALUE = `mutation TasksyncClearProjectFieldValue($projectId: ID!, $itemId: ID!, $fieldId: ID!) {
  clearProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId }) {
    projectV2Item { id }
  }
}`;

/** The documents the project writer sends, by name (the schema test walks them). */
export const PROJECT_MUTATIONS: Readonly<Record<string, string>> = {
  CREATE_PROJECT_FIELD,
  SET_FIELD_OPTIONS,
  ADD_PROJECT_ITEM,
  SET_PROJECT_FIELD_VALUE,
  CLEAR_PROJECT_FIELD_VALUE,
};

export interface ProjectApply {
  gh: GitHubClient;
  /** The repository of the tracking issues (for `project-notice`). */
  repo: RepoRef;
  /** The project as observed; null when GitHub would not show it (then only notices can be applied). */
  project: ObservedProject | null;
  /** The issues' items as observed (the item ids of issues already in the project). */
  observed: ReadonlyMap<string, IssueProjectState>;
  writes: PacedWrites;
  pauseMs: number;
  log: Logger;
}

type FieldAnswer = { projectV2Field: Parameters<typeof fieldOf>[0] } | null;

export async function applyProjectPlan(
  operations: readonly ProjectOperation[],
  options: ProjectApply,
): Promise<number> {
  const { gh, writes, log } = options;
  const fields = new Map<string, ProjectField>((options.project?.fields ?? []).map((f) => [f.name.toLowerCase(), f]));
  const projectId = (): string => {
    if (!options.project) throw new Error("tasksync: a project operation needs the project, which was not read");
    return options.project.id;
  };
  const itemIds = new Map<string, string>();
  for (const [nodeId, state] of options.observed) if (state.item) itemIds.set(nodeId, state.item.id);
  const fieldNamed = (name: string): ProjectField => {
    const found = fields.get(name.toLowerCase());
    if (!found) throw new Error(`tasksync: no project field "${name}" (an earlier operation should have created it)`);
    return found;
  };
  const learn = (answer: FieldAnswer): void => {
    const field = fieldOf(answer?.projectV2Field ?? null);
    if (field) fields.set(field.name.toLowerCase(), field);
  };
  let done = 0;
  for (const op of operations) {
    if (done > 0 && options.pauseMs > 0) await sleep(options.pauseMs);
    switch (op.kind) {
      case "create-project-field": {
        const answer = await writes.once(() =>
          gh.graphql<{ createProjectV2Field: FieldAnswer }>(CREATE_PROJECT_FIELD, {
            projectId: projectId(),
            name: op.field,
            dataType: op.dataType,
            ...(op.options.length > 0 ? { options: op.options } : {}),
          }),
        );
        learn(answer.createProjectV2Field);
        break;
      }
      case "set-field-options": {
        const answer = await writes.idempotent(() =>
          gh.graphql<{ updateProjectV2Field: FieldAnswer }>(SET_FIELD_OPTIONS, {
            fieldId: op.fieldId,
            options: op.options,
          }),
        );
        learn(answer.updateProjectV2Field);
        break;
      }
      case "add-project-item": {
        const answer = await writes.idempotent(() =>
          gh.graphql<{ addProjectV2ItemById: { item: { id: string } | null } | null }>(ADD_PROJECT_ITEM, {
            projectId: projectId(),
            contentId: op.contentId,
          }),
        );
        const id = answer.addProjectV2ItemById?.item?.id;
        if (!id) throw new Error(`tasksync: GitHub returned no project item for [${op.key}]`);
        itemIds.set(op.contentId, id);
        break;
      }
      case "set-project-value": {
        const itemId = itemIds.get(op.contentId);
        if (!itemId)
          throw new Error(`tasksync: no project item for [${op.key}] (an earlier operation should have added it)`);
        const field = fieldNamed(op.field);
        const base = { projectId: projectId(), itemId, fieldId: field.id };
        if (op.value === null) {
          await writes.idempotent(() => gh.graphql(CLEAR_PROJECT_FIELD_VALUE, base));
          break;
        }
        const option =
          field.dataType === "SINGLE_SELECT"
            ? (field.options ?? []).find((o) => sameName(o.name, op.value as string))
            : undefined;
        if (field.dataType === "SINGLE_SELECT" && !option)
          throw new Error(`tasksync: project field "${field.name}" has no option "${op.value}"`);
        const value = option ? { singleSelectOptionId: option.id } : { text: op.value };
        await writes.idempotent(() => gh.graphql(SET_PROJECT_FIELD_VALUE, { ...base, value }));
        break;
      }
      case "project-notice": {
        const { repo } = options;
        const commentId = op.commentId;
        if (commentId !== null) {
          await writes.idempotent(() =>
            gh.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", {
              ...repo,
              comment_id: commentId,
              body: op.body,
            }),
          );
        } else {
          await writes.once(() =>
            gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
              ...repo,
              issue_number: op.issueNumber,
              body: op.body,
              ...SEND_ONCE,
            }),
          );
        }
        break;
      }
    }
    done += 1;
    log.info({ op: op.kind, ...("key" in op ? { key: op.key } : {}), reason: op.reason }, describeProjectOperation(op));
  }
  return done;
}
