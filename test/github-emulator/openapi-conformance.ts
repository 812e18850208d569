/**
 * Checks logged requests against GitHub's own REST description (@octokit/openapi): the operation
 * must exist (method and path template), every query parameter must be one it declares and fit
 * its schema, the JSON body must fit its request schema, and the emulator's JSON answer must fit
 * the documented response schema. github.com requests are checked against api.github.com; a GHES
 * mode against that version's description (3.16, older than any published one, against 3.17's).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { HostMode } from "./host-mode.js";
import { GRAPHQL_ROUTE, type LoggedRequest } from "./request-log.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  schema?: Json;
}
interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { content?: Record<string, { schema?: Json }> } | { $ref: string }>;
}

export type DescriptionName = "api.github.com" | "ghes-3.17" | "ghes-3.18" | "ghes-3.19";

export function descriptionFor(mode: HostMode): DescriptionName {
  if (mode.kind === "github.com") return "api.github.com";
  const [major = 0, minor = 0] = mode.version.split(".").map(Number);
  if (major === 3 && minor <= 17) return "ghes-3.17";
  return minor >= 19 || major > 3 ? "ghes-3.19" : "ghes-3.18";
}

const require = createRequire(import.meta.url);

/**
 * OpenAPI 3.0 as JSON Schema: `nullable` becomes `type: [t, "null"]` (or `anyOf` with null when
 * there is no type), `oneOf` becomes `anyOf`, examples are left out.
 */
function withoutNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullable);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (k === "example" || k === "examples") continue;
    // GitHub's descriptions use oneOf where the alternatives overlap (an error body fits several): anyOf is what they mean.
    out[k === "oneOf" ? "anyOf" : k] = withoutNullable(v);
  }
  if (out["nullable"] !== true) return out;
  delete out["nullable"];
  if (typeof out["type"] === "string")
    return {
      ...out,
      type: [out["type"], "null"],
      ...(Array.isArray(out["enum"]) ? { enum: [...(out["enum"] as unknown[]), null] } : {}),
    };
  return { anyOf: [out, { type: "null" }] };
}

class Description {
  private readonly doc: { paths: Record<string, Record<string, Operation>>; components: Json };
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(name: DescriptionName) {
    const file = require.resolve(`@octokit/openapi/generated/${name}.json`);
    this.doc = withoutNullable(JSON.parse(readFileSync(file, "utf8"))) as Description["doc"];
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: "gh", components: this.doc.components });
  }

  private resolve<T>(value: T | { $ref: string }): T {
    if (value && typeof value === "object" && "$ref" in value) {
      const path = value.$ref.replace(/^#\//, "").split("/");
      let at: unknown = this.doc;
      for (const p of path) at = (at as Json)[p.replace(/~1/g, "/").replace(/~0/g, "~")];
      return at as T;
    }
    return value as T;
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"gh#/')) as Json);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  private errorsOf(fn: ValidateFunction): string {
    return (fn.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""}`)
      .join("; ");
  }

  /** What is wrong with one logged request (and its answer); empty when it conforms. */
  check(entry: LoggedRequest): string[] {
    const [method = "", template = ""] = entry.route.split(" ");
    const op = this.doc.paths[template]?.[method.toLowerCase()];
    if (!op) return [`${entry.route}: no such operation`];
    const problems: string[] = [];
    const params = (op.parameters ?? []).map((p) => this.resolve(p));
    const query = new URL(entry.path, "http://x").searchParams;
    for (const [name, raw] of query) {
      const param = params.find((p) => p.in === "query" && p.name === name);
      if (!param) {
        problems.push(`${entry.route}: query parameter "${name}" is not declared`);
        continue;
      }
      const schema = param.schema ?? {};
      const value =
        schema["type"] === "integer" || schema["type"] === "number"
          ? Number(raw)
          : schema["type"] === "boolean"
            ? raw === "true"
            : raw;
      const fn = this.validator(`${entry.route}?${name}`, schema);
      if (!fn(value)) problems.push(`${entry.route}: query ${name}=${raw}: ${this.errorsOf(fn)}`);
    }
    if (entry.requestBody !== undefined) {
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      if (!schema) problems.push(`${entry.route}: takes no JSON body`);
      else {
        const fn = this.validator(`${entry.route} body`, schema);
        if (!fn(entry.requestBody)) problems.push(`${entry.route}: body ${this.errorsOf(fn)}`);
      }
    }
    const documented = op.responses?.[String(entry.status)];
    const responseSchema = documented ? this.resolve(documented).content?.["application/json"]?.schema : undefined;
    if (responseSchema && entry.responseBody !== undefined) {
      const fn = this.validator(`${entry.route} ${entry.status}`, responseSchema);
      if (!fn(entry.responseBody)) problems.push(`${entry.route} answered ${entry.status}: ${this.errorsOf(fn)}`);
    }
    return problems;
  }
}

const loaded = new Map<DescriptionName, Description>();

function description(name: DescriptionName): Description {
  let d = loaded.get(name);
  if (!d) {
    d = new Description(name);
    loaded.set(name, d);
  }
  return d;
}

/** Every problem of the logged REST requests (GraphQL is checked against GitHub's GraphQL schema elsewhere). */
export function conformanceProblems(entries: readonly LoggedRequest[], mode: HostMode): string[] {
  const d = description(descriptionFor(mode));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (entry.route === GRAPHQL_ROUTE) continue;
    for (const p of d.check(entry)) {
      if (!seen.has(p)) problems.push(p);
      seen.add(p);
    }
  }
  return problems;
}
