/**
 * Every GraphQL document tasksync sends is checked against GitHub's public schema
 * (@octokit/graphql-schema) with graphql's own `validate`: a renamed field or argument fails here.
 */
import { describe, expect, it } from "@jest/globals";
import { buildSchema, parse, validate } from "graphql";
import { schema } from "@octokit/graphql-schema";
import { GRAPHQL_DOCUMENTS } from "../../../src/github/graphql-documents.js";
import { QUERY as CLOSING_ISSUES } from "../../../src/gates/read/closing-issues.js";
import { PROJECT_DOCUMENTS } from "../../../src/reconcile/projects/project-documents.js";
import { ISSUE_MUTATIONS } from "../../../src/reconcile/apply/issue-mutations.js";
import { PROJECT_MUTATIONS } from "../../../src/reconcile/projects/project-apply.js";

// The package's SDL (schema.graphql) is the current schema; its schema.json lags behind (it has no sub-issues).
// GitHub's SDL defines two EnterpriseOwnerInfo fields twice, so the SDL check is skipped (the documents are still validated).
const github = buildSchema(schema.idl, { assumeValidSDL: true });
const documents: Array<[string, string]> = [
  ...Object.entries(GRAPHQL_DOCUMENTS),
  ...Object.entries(ISSUE_MUTATIONS),
  ["closing issues (gates)", CLOSING_ISSUES],
  ...Object.entries(PROJECT_DOCUMENTS),
  ...Object.entries(PROJECT_MUTATIONS),
];

describe("GraphQL documents against GitHub's public schema", () => {
  it.each(documents)("%s is valid", (_name, document) => {
    expect(validate(github, parse(document)).map((e) => e.message)).toEqual([]);
  });

  it("would catch a renamed argument or field", () => {
    const renamed = (ISSUE_MUTATIONS["CREATE_ISSUE"] as string).replace(
      "parentIssueId: $parentIssueId",
      "parentId: $parentIssueId",
    );
    expect(
      validate(github, parse(renamed))
        .map((e) => e.message)
        .join("\n"),
    ).toMatch(/parentId/);
    const field = (ISSUE_MUTATIONS["CREATE_ISSUE"] as string).replace("databaseId", "dbId");
    expect(validate(github, parse(field)).length).toBeGreaterThan(0);
  });

  it("creates an issue with its parent and labels in one mutation", () => {
    const doc = parse(ISSUE_MUTATIONS["CREATE_ISSUE"] as string);
    const text = JSON.stringify(doc);
    expect(text).toContain('"value":"createIssue"');
    for (const arg of ["parentIssueId", "labelIds", "repositoryId"]) expect(text).toContain(`"value":"${arg}"`);
  });
});
