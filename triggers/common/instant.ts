/**
 * Instant (REST hook) triggers over Mollie's next-gen webhooks, which only an
 * organization access token (or OAuth) may create.
 *
 * - performSubscribe creates a webhook for the trigger's event types pointing
 *   at Zapier's target URL and keeps its id and signing secret (subscribeData).
 * - performUnsubscribe deletes it (already gone counts as done).
 * - perform checks `X-Mollie-Signature: sha256=<hex HMAC-SHA256(raw body, secret)>`
 *   in constant time. Unsigned or mis-signed bodies are refused with a
 *   HaltedError (the run stops and is logged, the Zap stays on); a validly
 *   signed event of another type, profile, method or mode (a live payment on a
 *   test connection) returns [] (nothing fires).
 *   The item is built from the event's embedded entity, with no extra request.
 * - performList returns the newest real items, as the polling twin would.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../../http/credentials';
import { mollieClient } from '../../mollie/client';
import type { Item } from '../../mollie/polling';
import { triggerInputs } from '../../mollie/pollingTriggers';

export interface InstantSpec {
  label: string;
  eventTypes: (bundle: Bundle) => string[];
  /** The trigger item for an event's embedded entity. */
  toItem: (entity: Record<string, unknown>, eventType: string) => Item;
  /** Recent real items (performList). */
  recent: (z: ZObject, bundle: Bundle) => Promise<Item[]>;
}

interface SubscribeData {
  id: string;
  secret: string;
}

const requireAccessToken = (z: ZObject, bundle: Bundle) => {
  const mollie = mollieClient(z, bundle);
  if (mollie.credential.kind !== 'accessToken') {
    throw new z.errors.Error(
      'Instant triggers need an organization access token (access_…): Mollie only lets access tokens create webhooks. ' +
        'Reconnect Mollie with an access token, or use the non-instant version of this trigger, which works with an API key.',
      'AccessTokenRequired',
      400,
    );
  }
  return mollie;
};

const header = (headers: Record<string, string> | undefined, name: string): string | undefined => {
  const wanted = [name.toLowerCase(), `http-${name.toLowerCase()}`];
  const key = Object.keys(headers ?? {}).find((candidate) => wanted.includes(candidate.toLowerCase()));
  return key ? headers?.[key] : undefined;
};

/** True when `signatureHeader` is `sha256=<hex HMAC-SHA256(rawBody, secret)>`, compared in constant time. */
export const validSignature = (rawBody: string, signatureHeader: string | undefined, secret: string): boolean => {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signatureHeader?.trim() ?? '')?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), expected);
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

export const instantTrigger = (spec: InstantSpec) => ({
  performSubscribe: async (z: ZObject, bundle: Bundle): Promise<SubscribeData> => {
    triggerInputs(bundle);
    const mollie = requireAccessToken(z, bundle);
    if (!bundle.targetUrl) throw new z.errors.Error('Zapier gave no target URL to subscribe.', 'InvalidInput', 400);
    const created = await mollie.webhooks.create({ name: `Zapier: ${spec.label}`, url: bundle.targetUrl, eventTypes: spec.eventTypes(bundle) });
    if (!created.webhookSecret) throw new z.errors.Error(`Mollie created webhook ${created.id} without a signing secret; cannot verify events.`, 'NoSecret', 502);
    return { id: created.id, secret: created.webhookSecret };
  },

  performUnsubscribe: async (z: ZObject, bundle: Bundle) => {
    const id = (bundle.subscribeData as Partial<SubscribeData> | undefined)?.id;
    if (!id) return { deleted: false };
    await requireAccessToken(z, bundle).webhooks.delete(id);
    return { deleted: true, id };
  },

  perform: async (z: ZObject, bundle: Bundle): Promise<Item[]> => {
    const secret = (bundle.subscribeData as Partial<SubscribeData> | undefined)?.secret;
    const raw = bundle.rawRequest?.content;
    const signature = header(bundle.rawRequest?.headers, 'X-Mollie-Signature');
    if (!secret) throw new z.errors.HaltedError('This instant trigger has no signing secret; turn the Zap off and on again to resubscribe.');
    if (typeof raw !== 'string' || !signature) throw new z.errors.HaltedError('Refused an unsigned request: Mollie signs every event with X-Mollie-Signature.');
    if (!validSignature(raw, signature, secret)) throw new z.errors.HaltedError('Refused a request whose X-Mollie-Signature does not match: it did not come from this Mollie webhook.');
    const event = asRecord(z.JSON.parse(raw));
    const type = typeof event?.type === 'string' ? event.type : '';
    const entity = asRecord(asRecord(event?._embedded)?.entity);
    if (!spec.eventTypes(bundle).includes(type) || !entity) return [];
    const inputs = triggerInputs(bundle);
    if (inputs.profileId && entity.profileId && entity.profileId !== inputs.profileId) return [];
    if (typeof entity.mode === 'string' && entity.mode !== readCredentials(bundle.authData).mollie.mode) return [];
    if (inputs.method && entity.resource === 'payment' && entity.method !== inputs.method) return [];
    return [spec.toItem(entity, type)];
  },

  performList: (z: ZObject, bundle: Bundle) => {
    requireAccessToken(z, bundle);
    return spec.recent(z, bundle);
  },
});
