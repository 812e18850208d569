import { existsSync } from "node:fs";

// The corpus of real task lists lives beside the project (../shared/corpus); CI always has it.
// Without it (and outside CI) its test file is left out with a note, instead of running empty.
const corpus = existsSync(new URL("../shared/corpus/real/INDEX.tsv", import.meta.url));
if (!corpus && !process.env.CI)
  console.warn("jest: ../shared/corpus/real is missing: test/corpus is left out (CI always has it)");

/** @type {import('jest').Config} */
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", ...(corpus || process.env.CI ? [] : ["<rootDir>/test/corpus/"])],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json" }],
  },
  testTimeout: 60000,
};
