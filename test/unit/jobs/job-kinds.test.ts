/** The replica's side of a stored job: the installation's client rebuilt, the kind run, a failure of ours marked as not worth retrying. */
import { describe, expect, it } from "@jest/globals";
import pino from "pino";
import type { Probot } from "probot";
import { durableJobRunner, JOB_KINDS } from "../../../src/jobs/job-kinds.js";
import type { AppRuntime } from "../../../src/app/runtime.js";
import { defineJob } from "../../../src/jobs/job-kind.js";
import { MemoryQueue } from "../../../src/queue/memory-queue.js";
import { NotRetriedError } from "../../../src/queue/work-queue.js";

const silent = pino({ level: "silent" });
const runtime: AppRuntime = {
  queue: new MemoryQueue(),
  settings: { writePauseMs: 0, drainMs: 0 },
  ownCommits: new Set(),
};
const authed: Array<number | undefined> = [];
const app = { auth: async (id?: number) => (authed.push(id), { installation: id }) } as unknown as Probot;
const failWith = (status: number) => Object.assign(new Error(`status ${status}`), { status });

describe("durableJobRunner", () => {
  it("knows the reconcile and the gates jobs, and no write-back job", () => {
    expect(JOB_KINDS.map((kind) => kind.name).sort()).toEqual(["gates", "gates-recheck", "reconcile"]);
  });

  it("runs the kind with the installation's client; a failure the kind will not retry becomes NotRetriedError", async () => {
    const seen: unknown[] = [];
    const kind = defineJob<{ status: number }>(
      "probe",
      async ({ status }, env) => {
        seen.push(env.octokit);
        if (status) throw failWith(status);
      },
      (error) => (error as { status: number }).status >= 500,
    );
    const run = durableJobRunner(app, runtime, [kind]);
    await run("probe", { installationId: 42, data: { status: 0 } }, silent);
    expect(authed).toEqual([42]);
    expect(seen).toEqual([{ installation: 42 }]);
    await expect(run("probe", { installationId: 42, data: { status: 502 } }, silent)).rejects.toMatchObject({
      status: 502,
    });
    const ours = run("probe", { installationId: 42, data: { status: 422 } }, silent);
    await expect(ours).rejects.toBeInstanceOf(NotRetriedError);
    await expect(ours).rejects.toThrow("status 422");
    await expect(run("write-back", { data: {} }, silent)).rejects.toThrow('unknown job kind "write-back"');
  });
});
