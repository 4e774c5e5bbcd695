/**
 * Instant (REST hook) triggers over Mollie's next-gen webhooks, which only an
 * organization access token (or OAuth) may create.
 *
 * - performSubscribe creates a webhook for the trigger's event types pointing
 *   at Zapier's target URL and keeps its id and signing secret (subscribeData).
 * - performUnsubscribe deletes it (already gone counts as done).
 * - perform checks `X-Mollie-Signature` (hex HMAC-SHA256 of the raw body, plain
 *   or `sha256=`-prefixed, several comma-separated while a secret rotates) in
 *   constant time. Unsigned, mis-signed or malformed requests of any shape are
 *   refused with a HaltedError (the run stops and is logged, the Zap stays on);
 *   a validly signed event of another type, profile, method or mode (a live
 *   payment on a test connection) returns [] (nothing fires).
 *   The item is built from the event's embedded entity ("full" payload), or from
 *   the entity fetched by its entityId ("simple" payload).
 * - performList returns the newest real items, as the polling twin would.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import { mollieClient } from '../mollie/client';
import { unreadable, type MollieResource } from '../mollie/entities';
import type { Item } from './pageMap';
import { triggerInputs } from './paymentEvents';

/** An instant trigger's own parts; `Input` is its bundle's inputData, as its input fields give it. */
export interface InstantSpec<Input extends Record<string, unknown> = Record<string, unknown>> {
  label: string;
  eventTypes: (bundle: Bundle<Input>) => string[];
  /** The trigger item for an event's embedded entity. */
  toItem: (entity: Record<string, unknown>, eventType: string) => Item;
  /** Recent real items (performList). */
  recent: (z: ZObject, bundle: Bundle<Input>) => Promise<Item[]>;
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

/** Every value of a header, whatever its casing, `http-` prefix (Zapier's), or array form. */
const headerValues = (headers: unknown, name: string): string[] => {
  if (!headers || typeof headers !== 'object') return [];
  const wanted = [name.toLowerCase(), `http-${name.toLowerCase()}`];
  return Object.entries(headers as Record<string, unknown>)
    .filter(([key]) => wanted.includes(key.toLowerCase()))
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
};

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * True when one of the signatures in the header value(s) is the hex HMAC-SHA256 of the raw body
 * with the secret: plain or `sha256=`-prefixed, several comma-separated while Mollie rotates a
 * secret. Each is compared in constant time; malformed ones never match.
 */
export const validSignature = (
  rawBody: string,
  signatureHeader: string | string[] | undefined,
  secret: string,
): boolean => {
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  const given = [signatureHeader ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .map((signature) => signature.trim().replace(/^sha256=/i, ''))
    .filter((signature) => HEX_SHA256.test(signature));
  return given.reduce(
    (matched, signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected) || matched,
    false,
  );
};

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

interface SignedEvent extends Record<string, unknown> {
  type: string;
}

/** The signed body as a next-gen event; anything else is refused by name, never a crash. */
const signedEvent = (z: ZObject, raw: string): SignedEvent => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new z.errors.HaltedError(
      'Refused a signed request whose body is not JSON: Mollie sends each event as a JSON object.',
    );
  }
  const event = asRecord(parsed);
  if (!event || typeof event.type !== 'string' || !event.type) {
    throw new z.errors.HaltedError('Refused a signed request that is not a Mollie event: it has no "type".');
  }
  return event as SignedEvent;
};

/** A "simple" payload carries only entityId (and a link): read the entity from Mollie. */
const fetchEntity = async (
  z: ZObject,
  bundle: Bundle,
  event: SignedEvent,
  profileId?: string,
): Promise<Record<string, unknown>> => {
  const entityId = event.entityId;
  if (typeof entityId !== 'string' || !entityId) {
    throw new z.errors.HaltedError(
      `Refused a signed ${event.type} event with neither an embedded entity nor an entityId.`,
    );
  }
  const href = asRecord(asRecord(event._links)?.entity)?.href;
  const entity = await mollieClient(z, bundle, { profileId }).entities.get(
    event.type,
    entityId,
    typeof href === 'string' ? href : undefined,
  );
  if (!entity) {
    throw new z.errors.HaltedError(
      `Mollie has no ${entityId} for this connection any more (deleted, or another profile's), so its ${event.type} event cannot fire.`,
    );
  }
  return entity as unknown as Record<string, unknown>;
};

export const instantTrigger = <Input extends Record<string, unknown>>(spec: InstantSpec<Input>) => ({
  performSubscribe: async (z: ZObject, bundle: Bundle<Input>): Promise<SubscribeData> => {
    triggerInputs(bundle);
    const mollie = requireAccessToken(z, bundle);
    if (!bundle.targetUrl)
      throw new z.errors.Error('Zapier gave no target URL to subscribe.', 'InvalidInput', 400);
    const created = await mollie.webhooks.create({
      name: `Zapier: ${spec.label}`,
      url: bundle.targetUrl,
      eventTypes: spec.eventTypes(bundle),
    });
    if (!created.webhookSecret)
      throw new z.errors.Error(
        `Mollie created webhook ${created.id} without a signing secret; cannot verify events.`,
        'NoSecret',
        502,
      );
    return { id: created.id, secret: created.webhookSecret };
  },

  performUnsubscribe: async (z: ZObject, bundle: Bundle<Input>) => {
    const id = (bundle.subscribeData as Partial<SubscribeData> | undefined)?.id;
    if (!id) return { deleted: false };
    await requireAccessToken(z, bundle).webhooks.delete(id);
    return { deleted: true, id };
  },

  perform: async (z: ZObject, bundle: Bundle<Input>): Promise<Item[]> => {
    const secret = (bundle.subscribeData as Partial<SubscribeData> | undefined)?.secret;
    const raw = bundle.rawRequest?.content;
    const signatures = headerValues(bundle.rawRequest?.headers, 'X-Mollie-Signature');
    if (typeof secret !== 'string' || !secret)
      throw new z.errors.HaltedError(
        'This instant trigger has no signing secret; turn the Zap off and on again to resubscribe.',
      );
    if (typeof raw !== 'string' || !signatures.length)
      throw new z.errors.HaltedError(
        'Refused an unsigned request: Mollie signs every event with X-Mollie-Signature.',
      );
    if (!validSignature(raw, signatures, secret))
      throw new z.errors.HaltedError(
        'Refused a request whose X-Mollie-Signature does not match: it did not come from this Mollie webhook.',
      );
    const event = signedEvent(z, raw);
    if (!spec.eventTypes(bundle).includes(event.type)) return [];
    const inputs = triggerInputs(bundle);
    const entity =
      asRecord(asRecord(event._embedded)?.entity) ?? (await fetchEntity(z, bundle, event, inputs.profileId));
    // A snapshot without a field Mollie's spec requires (an amount, a status) is named, never read into a TypeError.
    const problem = unreadable(event.type.split('.')[0] as MollieResource, entity);
    if (problem) throw new z.errors.HaltedError(`Refused a signed ${event.type} event: ${problem}.`);
    if (inputs.profileId && entity.profileId && entity.profileId !== inputs.profileId) return [];
    if (typeof entity.mode === 'string' && entity.mode !== readCredentials(bundle.authData).mollie.mode)
      return [];
    if (inputs.method && entity.resource === 'payment' && entity.method !== inputs.method) return [];
    return [spec.toItem(entity, event.type)];
  },

  performList: (z: ZObject, bundle: Bundle<Input>) => {
    requireAccessToken(z, bundle);
    return spec.recent(z, bundle);
  },
});
