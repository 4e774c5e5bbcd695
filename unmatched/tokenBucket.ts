import type { CrmName } from '../crm/adapter';

/**
 * How many CRM requests background matching (the Unmatched Payment trigger)
 * may spend, as a token bucket kept between polls: `capacity` at once, refilled
 * at `perSecond`. Each stays well under the CRM's own limit, so the Zap's own
 * actions on the same connection keep room:
 * - Moneybird allows 150 requests per 5 minutes per token: matching uses at
 *   most 70 at once and 50 per 5 minutes (about 130 at most in any 5 minutes,
 *   one payment's requests included), leaving the rest to the Zap's actions.
 * - HubSpot allows about 100 requests per 10 s and 4 searches per second:
 *   matching uses at most 4 per second (8 at once).
 * - Pipedrive's burst limit is per 2 s by plan (20 on the smallest): 5 per second (10 at once).
 */
export interface Rate {
  capacity: number;
  perSecond: number;
}

export const CRM_RATES: Record<CrmName, Rate> = {
  moneybird: { capacity: 70, perSecond: 50 / 300 },
  hubspot: { capacity: 8, perSecond: 4 },
  pipedrive: { capacity: 10, perSecond: 5 },
};

export interface Bucket {
  tokens: number;
  /** When `tokens` was counted (ms). */
  at: number;
}

export const fullBucket = (rate: Rate, now: number): Bucket => ({ tokens: rate.capacity, at: now });

/** The bucket at `now`: refilled for the time since it was counted, never above capacity. */
export const refill = (bucket: Bucket, rate: Rate, now: number): Bucket => ({
  tokens: Math.min(rate.capacity, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * rate.perSecond),
  at: Math.max(now, bucket.at),
});

/** Milliseconds until the bucket holds one whole request (0 when it does). */
export const waitForOne = (bucket: Bucket, rate: Rate): number =>
  bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / rate.perSecond) * 1000);
