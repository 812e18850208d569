/**
 * The project writer: carries out a project plan's operations in order (fields, then items,
 * then values), one at a time, spending the content budget before each (paced-writes.ts).
 * Field and option names are resolved to ids here, from the fields as observed or as just
 * created. Adding an item and writing a value are idempotent, so they are sent again after a
 * server error; creating a field is sent once (the next reconcile sees it if it happened).
 */
import type { Logger } from "pino";
import type { GitHubClient } from "../../github/client.js";
import {
  ADD_PROJECT_ITEM,
  CLEAR_PROJECT_FIELD_VALUE,
  CREATE_PROJECT_FIELD,
  SET_FIELD_OPTIONS,
  SET_PROJECT_FIELD_VALUE,
} from "./project-documents.js";
import { fieldOf, type IssueProjectState, type ObservedProject, type ProjectField } from "./project-read.js";
import { sleep } from "../../util/sleep.js";
import type { PacedWrites } from "../apply/paced-writes.js";
import { sameName } from "./project-fields.js";
import { describeProjectOperation, type ProjectOperation } from "./project-plan.js";

export interface ProjectApply {
  gh: GitHubClient;
  project: ObservedProject;
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
  const { gh, project, writes, log } = options;
  const fields = new Map<string, ProjectField>(project.fields.map((f) => [f.name.toLowerCase(), f]));
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
            projectId: project.id,
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
            projectId: project.id,
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
        const base = { projectId: project.id, itemId, fieldId: field.id };
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
    }
    done += 1;
    log.info({ op: op.kind, ...("key" in op ? { key: op.key } : {}), reason: op.reason }, describeProjectOperation(op));
  }
  return done;
}
