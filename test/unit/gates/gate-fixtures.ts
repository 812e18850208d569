/** Small task lists and helpers shared by the gates' unit tests. */
import type { FeatureDocs } from "../../../src/gates/gate-model.js";
import { parseTaskList } from "../../../src/tasks/parse-tasks.js";
import { setCheckbox } from "../../../src/tasks/set-checkbox.js";

export const SPEC_PATH = "specs/001-photo-albums/tasks.md";
export const XE_PATH = ".xe/features/search/tasks.md";

/** Setup → Foundational → two user stories (stories wait for Foundational) → Polish. */
export const SPEC_KIT = `# Tasks: Photo Albums

## Phase 1: Setup

- [x] T001 Create project structure in \`src/albums/\`

## Phase 2: Foundational (Blocking Prerequisites)

- [ ] T002 Define the model in \`src/albums/model.ts\`
- [ ] T003 [P] Add storage in \`src/albums/storage.ts\`

## Phase 3: User Story 1 - Create albums (Priority: P1)

- [ ] T004 [US1] Album service
- [ ] T005 [US1] Album endpoint (depends on T004)
- [ ] T006 [US1] Run required verification commands (\`pytest backend/tests/\`, \`npm run build\`) in \`docs/verify.md\`

## Phase 4: User Story 2 - Share albums (Priority: P2)

- [ ] T007 [US2] Share links
`;

/** xe: steps run in order; tasks inside a step run in order unless [P]. */
export const XE = `# Tasks: search

## Step 1: Setup

- [ ] T001: Create the module
- [ ] T002: Register the module

## Step 2: Core

- [ ] T003: Query parser
`;

export function tick(text: string, ...ids: string[]): string {
  return ids.reduce((t, id) => setCheckbox(t, id, true), text);
}

/** A list the PR changes: base text → head text. */
export function changedList(path: string, base: string | null, head: string | null): FeatureDocs {
  return {
    path,
    base: base === null ? null : parseTaskList(path, base),
    head: head === null ? null : parseTaskList(path, head),
    changed: true,
  };
}

/** A list the PR only refers to (same at base and head). */
export function referencedList(path: string, text: string): FeatureDocs {
  return { path, base: parseTaskList(path, text), head: parseTaskList(path, text), changed: false };
}
