import console from "node:console";
import { existsSync } from "node:fs";
import process from "node:process";
import { URL } from "node:url";

// The corpus of real task lists lives beside the project (../shared/corpus); CI always has it.
// Without it (and outside CI) its test file is left out with a note, instead of running empty.
const corpus = existsSync(new URL("../shared/corpus/real/INDEX.tsv", import.meta.url));
if (!corpus && !process.env.CI)
  console.warn("jest: ../shared/corpus/real is missing: test/corpus is left out (CI always has it)");
// test/node24 checks what runs on the Node that TASKSYNC_TEST_NODE names: `npm run test:node24`
// sets it (after fetching Node 24); plain `npm test` leaves that folder to it.
const node24 = Boolean(process.env.TASKSYNC_TEST_NODE);

/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: [
    "/node_modules/",
    ...(corpus || process.env.CI ? [] : ["<rootDir>/test/corpus/"]),
    ...(node24 ? [] : ["<rootDir>/test/node24/"]),
  ],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }],
  },
  testTimeout: 60000,
  globalSetup: "<rootDir>/test/support/global-setup.mjs",
};
