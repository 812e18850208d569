/** `GET /meta`: what the host says about itself (a GHES mode adds `installed_version`). */
import { metaJson } from "../host-mode.js";
import type { Router } from "../router.js";
import { ok } from "./respond.js";

export function metaRoutes(r: Router): void {
  r.get("/meta", { auth: "any" }, (ctx) => ok(metaJson(ctx.state.hostMode)));
}
