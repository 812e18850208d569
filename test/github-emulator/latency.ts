/**
 * The latency model: how long the emulator takes to answer, as GitHub would. Reads, writes and
 * GraphQL each have a delay and a jitter (uniform in ±jitter); tests keep the fast default (all
 * zero), benchmarks turn on {@link GITHUB_LATENCY} (a read ~100 ms, a write ~300 ms).
 */

export interface LatencySetting {
  /** the mean delay, in ms */
  ms: number;
  /** the delay varies uniformly by up to this much either way, in ms */
  jitterMs: number;
}

export interface LatencyModel {
  /** GET and HEAD */
  read: LatencySetting;
  /** POST, PATCH, PUT, DELETE (an installation token request is one too) */
  write: LatencySetting;
  /** POST /graphql, queries and mutations alike (GitHub's GraphQL answers about as slowly as a write) */
  graphql: LatencySetting;
}

export type RequestClass = keyof LatencyModel;

export const NO_LATENCY: LatencyModel = {
  read: { ms: 0, jitterMs: 0 },
  write: { ms: 0, jitterMs: 0 },
  graphql: { ms: 0, jitterMs: 0 },
};

/** GitHub as benchmarks see it: a read about 100 ms, a write about 300 ms, GraphQL like a write. */
export const GITHUB_LATENCY: LatencyModel = {
  read: { ms: 100, jitterMs: 30 },
  write: { ms: 300, jitterMs: 80 },
  graphql: { ms: 300, jitterMs: 80 },
};

/** A partial model over a base: `{ read: { ms: 50 } }` keeps the rest of `base`. */
export function latencyModel(
  overrides: { [K in RequestClass]?: Partial<LatencySetting> } = {},
  base: LatencyModel = NO_LATENCY,
): LatencyModel {
  return {
    read: { ...base.read, ...overrides.read },
    write: { ...base.write, ...overrides.write },
    graphql: { ...base.graphql, ...overrides.graphql },
  };
}

/** The delay for one request of a class, in ms (never negative). */
export function delayFor(model: LatencyModel, kind: RequestClass, random: () => number = Math.random): number {
  const { ms, jitterMs } = model[kind];
  if (ms === 0 && jitterMs === 0) return 0;
  return Math.max(0, Math.round(ms + (random() * 2 - 1) * jitterMs));
}

/** The model `npm run emulator` takes from its environment (EMULATOR_LATENCY=github, EMULATOR_READ_MS ...). */
export function latencyFromEnv(env: NodeJS.ProcessEnv, flags: Partial<Record<string, string>> = {}): LatencyModel {
  const preset = flags["latency"] ?? env["EMULATOR_LATENCY"];
  if (preset !== undefined && preset !== "github" && preset !== "none")
    throw new Error(`--latency must be "github" or "none", got "${preset}"`);
  const base = preset === "github" ? GITHUB_LATENCY : NO_LATENCY;
  const read = (name: string, flag: string): number | undefined => {
    const raw = flags[flag] ?? env[name];
    if (raw === undefined || raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0)
      throw new Error(`${flag} (${name}) must be a number of ms ≥ 0, got "${raw}"`);
    return value;
  };
  const setting = (kind: RequestClass): Partial<LatencySetting> => {
    const upper = kind.toUpperCase();
    const ms = read(`EMULATOR_${upper}_MS`, `${kind}-ms`);
    const jitterMs = read(`EMULATOR_${upper}_JITTER_MS`, `${kind}-jitter-ms`);
    return { ...(ms === undefined ? {} : { ms }), ...(jitterMs === undefined ? {} : { jitterMs }) };
  };
  return latencyModel({ read: setting("read"), write: setting("write"), graphql: setting("graphql") }, base);
}
