import { createHmac } from 'node:crypto';
import { request } from '../http';
import type { Webhook } from './types';
import type { Json } from './views';

/** One signed POST waiting to be sent to a subscription's url. */
export interface Delivery {
  eventId: string;
  type: string;
  webhookId: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  attempts: number;
}

export interface DeliveryResult {
  delivery: Delivery;
  status?: number;
  error?: string;
}

/** `sha256=<hex HMAC-SHA256(body, secret)>`, the X-Mollie-Signature header value. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function subscribes(webhook: Webhook, type: string): boolean {
  return webhook.eventTypes.includes(type) || webhook.eventTypes.includes('*');
}

/** Deliveries wait here until a test sends them, so timing stays under test control. */
export class WebhookOutbox {
  private queue: Delivery[] = [];

  enqueue(webhooks: Iterable<Webhook>, event: Json): void {
    const body = JSON.stringify(event);
    for (const w of webhooks) {
      this.queue.push({
        eventId: String(event.id),
        type: String(event.type),
        webhookId: w.id,
        url: w.url,
        body,
        headers: { 'Content-Type': 'application/json', 'X-Mollie-Signature': signature(body, w.secret) },
        attempts: 0,
      });
    }
  }

  pending(): readonly Delivery[] {
    return [...this.queue];
  }

  /** Sends queued deliveries in order; 2xx answers remove them, others stay queued. */
  async deliver(): Promise<DeliveryResult[]> {
    const batch = this.queue;
    this.queue = [];
    const results: DeliveryResult[] = [];
    for (const delivery of batch) {
      delivery.attempts += 1;
      try {
        const res = await request(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body });
        results.push({ delivery, status: res.status });
        if (res.status < 200 || res.status > 299) this.queue.push(delivery);
      } catch (err) {
        results.push({ delivery, error: String(err) });
        this.queue.push(delivery);
      }
    }
    return results;
  }
}
