/** Two small texts the agents' hand-offs share between plan, observe and apply: the comment's hidden line and the feature folder. Pure. */
/** The hidden line that names the task in tasksync's hand-off comment. */
export const handoffCommentMarker = (taskId: string): string => `<!-- tasksync:handoff ${taskId} -->`;

/** The folder of a task list (with its trailing slash): where the feature's design documents sit. */
export const featureFolder = (path: string): string => path.replace(/[^/]*$/, "");
