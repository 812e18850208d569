/**
 * docker-compose.yml and deploy/nginx.conf stay in step: the proxy spreads webhooks over exactly
 * the app replicas, every replica shares the one Redis, and the drain fits in the stop grace.
 * (`docker compose config` validated the file by hand; CI has no Docker.)
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  stop_grace_period?: string;
  volumes?: string[];
}

const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"), { merge: true }) as {
  services: Record<string, Service>;
};
const nginx = readFileSync(join(ROOT, "deploy/nginx.conf"), "utf8");
const replicas = Object.entries(compose.services).filter(([, s]) => s.image === "tasksync");

describe("docker-compose.yml", () => {
  it("runs two replicas of the app on one Redis that never evicts a job", () => {
    expect(replicas.map(([name]) => name)).toEqual(["tasksync-1", "tasksync-2"]);
    for (const [, service] of replicas) expect(service.environment?.["REDIS_URL"]).toBe("redis://redis:6379");
    expect(compose.services["redis"]?.command).toEqual(expect.arrayContaining(["--maxmemory-policy", "noeviction"]));
  });

  it("lets a stopping replica drain its jobs before Docker kills it", () => {
    for (const [, service] of replicas) {
      const drainMs = Number(service.environment?.["TASKSYNC_DRAIN_MS"]);
      expect(drainMs).toBeLessThan(Number.parseInt(service.stop_grace_period ?? "10", 10) * 1000);
    }
  });

  it("puts nginx in front, spreading over exactly the replicas", () => {
    expect(compose.services["proxy"]?.volumes).toContain("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
    const upstream = [...nginx.matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(upstream).toEqual(replicas.map(([name, s]) => `${name}:${s.environment?.["PORT"]}`));
  });
});
