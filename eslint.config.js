// ESLint with typescript-eslint's type-aware rules: in this very asynchronous code a promise
// nobody awaits is a bug, and a switch over an operation kind must name every kind.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", ".cache/", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["bin/**/*.js", "scripts/**/*.mjs", "*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  // Findings that predate the linter and are not yet worked off (about 100, listed in the
  // session note): reported as warnings so they stay visible, while the promise rules above and
  // every other recommended rule fail the build. Each one turned back to "error" once its files are clean.
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/require-await": "warn",
      "@typescript-eslint/no-base-to-string": "warn",
      "@typescript-eslint/no-unsafe-member-access": "warn",
      "@typescript-eslint/no-unsafe-return": "warn",
      "@typescript-eslint/no-unsafe-assignment": "warn",
      "@typescript-eslint/no-unsafe-call": "warn",
      "@typescript-eslint/no-unsafe-argument": "warn",
      "@typescript-eslint/no-unused-vars": "warn",
      "@typescript-eslint/unbound-method": "warn",
      "@typescript-eslint/no-explicit-any": "warn",
      "@typescript-eslint/restrict-template-expressions": "warn",
      "no-useless-assignment": "warn",
      // tsc (with noUncheckedIndexedAccess) needs some assertions that the project service calls unnecessary.
      "@typescript-eslint/no-unnecessary-type-assertion": "warn",
      "prefer-const": "warn",
    },
  },
);
