#!/usr/bin/env node
// The server (`npm start`, the Docker image): Probot's `run` with tasksync's logger.
import { run } from "probot";
import app from "../dist/src/index.js";
import { logSettings, serverLog } from "../dist/src/cli/server-log.js";

await run(app, { log: serverLog(logSettings(process.env)) });
