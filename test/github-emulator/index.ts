/** The local GitHub emulator: a development tool for tests, demos and benchmarks. */
export { Emulator, startEmulator } from "./emulator.js";
export type {
  CommitInput,
  CreateRepoInput,
  EmulatorOptions,
  InstallInput,
  OpenPullRequestInput,
  ProtectOptions,
  RepoRef,
} from "./emulator.js";
export type { CheckRunView, CommentView, CommitView, IssueView, LabelView } from "./views.js";
export type { DeliveryRecord, WebhookEvent } from "./webhooks.js";
export { sign } from "./webhooks.js";
export type { Counts, LoggedRequest } from "./request-log.js";
export type { PrimaryLimitOptions, SecondaryLimitOptions } from "./faults.js";
export { SECONDARY_MESSAGE } from "./faults.js";
export type { Permissions } from "./store/records.js";
export { addMilestone, assignIssue, issueFields, milestones, setOrgIssueTypes } from "./issue-fields-helpers.js";
export type { IssueFieldsView } from "./issue-fields-helpers.js";
export { GITHUB_LATENCY, NO_LATENCY, latencyModel, latencyFromEnv } from "./latency.js";
export type { LatencyModel, LatencySetting } from "./latency.js";
