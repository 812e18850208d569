/**
 * Every kind of job by name, for the replica that takes a stored job: it builds the
 * installation's client (app.auth) and runs the kind's function on the job's data.
 */
import type { Probot } from "probot";
import { gatesJob } from "./gates-job.js";
import { gatesRecheckJob } from "./gates-recheck-job.js";
import { reconcileJob } from "./reconcile-soon.js";
import type { JobKind } from "./job-kind.js";
import { fenceWrites } from "../queue/fence-writes.js";
import { NotRetriedError, type RunDurableJob } from "../queue/work-queue.js";
import type { AppRuntime } from "../app/runtime.js";

export const JOB_KINDS: ReadonlyArray<JobKind<unknown>> = [reconcileJob, gatesJob, gatesRecheckJob];

export function durableJobRunner(app: Probot, runtime: AppRuntime, kinds = JOB_KINDS): RunDurableJob {
  const byName = new Map(kinds.map((kind) => [kind.name, kind]));
  return async (name, { installationId, data }, log, lease) => {
    const kind = byName.get(name);
    if (!kind) throw new Error(`unknown job kind "${name}": a replica of another version stored it`);
    const octokit = installationId === undefined ? await app.auth() : await app.auth(installationId);
    if (lease) fenceWrites(octokit, lease);
    try {
      await kind.run(data, { octokit, runtime, log, ...(installationId === undefined ? {} : { installationId }) });
    } catch (error) {
      if (kind.retryable && !kind.retryable(error)) throw new NotRetriedError(error);
      throw error;
    }
  };
}
