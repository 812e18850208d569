/** All routes, registered in an order where specific templates come before greedy ones. */
import { Router } from "../router.js";
import { appRoutes } from "./app.js";
import { checkRoutes } from "./checks.js";
import { collaboratorRoutes } from "./collaborators.js";
import { commentRoutes } from "./comments.js";
import { contentRoutes } from "./contents.js";
import { gitRoutes } from "./git.js";
import { issueRoutes } from "./issues.js";
import { issueFieldRoutes } from "./issue-fields.js";
import { labelRoutes } from "./labels.js";
import { metaRoutes } from "./meta.js";
import { pullRoutes } from "./pulls.js";
import { relationshipRoutes } from "./relationships.js";
import { repoRoutes } from "./repos.js";
import { userRoutes } from "./user.js";

export function buildRouter(): Router {
  const r = new Router();
  appRoutes(r);
  checkRoutes(r); // before repoRoutes: /commits/{ref}/check-runs vs /commits/{ref}
  collaboratorRoutes(r); // before commentRoutes: /issues/comments/{id}/reactions
  commentRoutes(r); // before issueRoutes: /issues/comments vs /issues/{issue_number}
  relationshipRoutes(r);
  issueRoutes(r);
  issueFieldRoutes(r);
  labelRoutes(r);
  metaRoutes(r);
  userRoutes(r);
  pullRoutes(r);
  gitRoutes(r);
  contentRoutes(r);
  repoRoutes(r);
  return r;
}
