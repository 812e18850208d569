import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import pino from "pino";
import { learnBotLogin } from "../../src/app/bot-login.js";
import { API, startTestApp, type TestApp } from "./probot-app.js";

let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

describe("learnBotLogin", () => {
  it("asks GitHub once for the app's slug and remembers <slug>[bot]", async () => {
    app = await startTestApp();
    const scope = nock(API).get("/app").once().reply(200, { id: 1, slug: "tasksync-acme", name: "tasksync (acme)" });
    const log = pino({ level: "silent" });
    expect(await learnBotLogin(app.probot, app.runtime, log)).toBe("tasksync-acme[bot]");
    expect(await learnBotLogin(app.probot, app.runtime, log)).toBe("tasksync-acme[bot]");
    expect(scope.isDone()).toBe(true);
    expect(app.runtime.botLogin).toBe("tasksync-acme[bot]");
  });

  it("falls back (undefined) when GitHub cannot say, without throwing", async () => {
    app = await startTestApp();
    const scope = nock(API).get("/app").reply(500, { message: "boom" });
    expect(await learnBotLogin(app.probot, app.runtime, pino({ level: "silent" }))).toBeUndefined();
    scope.done(); // GitHub was asked, and its failure did not escape
    expect(app.runtime.botLogin).toBeUndefined();
  });
});
