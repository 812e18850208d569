/**
 * Webhook delivery: signed POSTs to a URL (or an in-process callback), in order, with switches
 * to deliver twice, out of order, or to hold deliveries until flushed.
 */
import { createHmac } from "node:crypto";
import { guid } from "./ids.js";

export interface WebhookEvent {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | undefined;
  /** HTTP status of the receiver (0 when it could not be reached or timed out) */
  status: number;
  error: string | undefined;
  attempt: number;
  payload: Record<string, unknown>;
}

export interface WebhookOptions {
  url?: string | undefined;
  secret?: string | undefined;
  onWebhook?: ((event: WebhookEvent) => unknown) | undefined;
  appId: number;
  hookId?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface Pending {
  id: string;
  name: string;
  body: string;
  payload: Record<string, unknown>;
}

export function sign(secret: string, body: string, algorithm: "sha256" | "sha1" = "sha256"): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest("hex")}`;
}

export class WebhookSender {
  deliverTwice = false;
  /** hold deliveries and release them reversed: on flush(), or once `batch` are held */
  outOfOrder: false | { batch?: number } = false;
  readonly deliveries: DeliveryRecord[] = [];
  /** every webhook sent, in the order GitHub emitted them */
  readonly sent: WebhookEvent[] = [];
  private paused = false;
  private held: Pending[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly attempts = new Map<string, number>();

  constructor(private options: WebhookOptions) {}

  configure(o: Partial<Pick<WebhookOptions, "url" | "secret" | "onWebhook">>): void {
    this.options = { ...this.options, ...o };
  }

  get target(): string | undefined {
    return this.options.url;
  }

  send(name: string, payload: Record<string, unknown>): void {
    const p: Pending = { id: guid(), name, payload, body: JSON.stringify(payload) };
    this.sent.push({ id: p.id, name, payload });
    if (this.paused || this.outOfOrder) {
      this.held.push(p);
      const batch = this.outOfOrder ? this.outOfOrder.batch : undefined;
      if (!this.paused && batch !== undefined && this.held.length >= batch) this.flush();
      return;
    }
    this.enqueue(p);
  }

  pause(): void {
    this.paused = true;
  }

  /** release held deliveries (reversed when out-of-order delivery is on) and resume */
  flush(): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const p of this.outOfOrder ? held.reverse() : held) this.enqueue(p);
  }

  heldCount(): number {
    return this.held.length;
  }

  /** resolves when every delivery started so far (and any they caused) has finished */
  async delivered(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
      // let receivers' follow-up requests reach the emulator and queue more deliveries
      await new Promise((r) => setTimeout(r, 5));
    } while (current !== this.chain);
  }

  private enqueue(p: Pending): void {
    const copies = this.deliverTwice ? 2 : 1;
    for (let i = 0; i < copies; i++) this.chain = this.chain.then(() => this.deliver(p));
  }

  private async deliver(p: Pending): Promise<void> {
    if (!this.options.onWebhook && !this.options.url) return; // nobody listening: nothing to record
    const attempt = (this.attempts.get(p.id) ?? 0) + 1;
    this.attempts.set(p.id, attempt);
    const record: DeliveryRecord = {
      id: p.id,
      event: p.name,
      action: typeof p.payload["action"] === "string" ? p.payload["action"] : undefined,
      status: 0,
      error: undefined,
      attempt,
      payload: p.payload,
    };
    try {
      if (this.options.onWebhook) {
        await this.options.onWebhook({
          id: p.id,
          name: p.name,
          payload: JSON.parse(p.body) as Record<string, unknown>,
        });
        record.status = 200;
      } else if (this.options.url) {
        const headers: Record<string, string> = {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/emulator",
          "x-github-event": p.name,
          "x-github-delivery": p.id,
          "x-github-hook-id": String(this.options.hookId ?? 1),
          "x-github-hook-installation-target-id": String(this.options.appId),
          "x-github-hook-installation-target-type": "integration",
        };
        if (this.options.secret) {
          headers["x-hub-signature"] = sign(this.options.secret, p.body, "sha1");
          headers["x-hub-signature-256"] = sign(this.options.secret, p.body);
        }
        const res = await fetch(this.options.url, {
          method: "POST",
          headers,
          body: p.body,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
        await res.arrayBuffer();
        record.status = res.status;
      }
    } catch (e) {
      record.error = e instanceof Error ? e.message : String(e);
      record.status = record.status || (this.options.onWebhook ? 500 : 0);
    }
    this.deliveries.push(record);
    this.options.log?.(
      `webhook ${p.name}${record.action ? `.${record.action}` : ""} ${p.id} -> ${record.status}${record.error ? ` (${record.error})` : ""}`,
    );
  }
}
