/**
 * What the polling triggers share: reading their inputs (checked before any
 * request), the sources that feed triggerEngine/pageMap.ts, the state key, and the
 * three ways Zapier runs a polling trigger: a poll (state in z.cache), "Test
 * trigger" (isLoadingSample: a few recent items, no state written) and a
 * Transfer run (history import: pages via bundle.meta.page and z.cursor, no
 * state touched).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { refuse, refuseUnfilledMapping, shown } from '../http/refuse';
import type { MollieClient } from '../mollie/client';
import { mollieClient } from '../mollie/client';
import { mollieId } from '../mollie/ids';
import { missingFields, type MollieResource } from '../mollie/entities';
import type { ChangeSource, Item, PageMapState } from './pageMap';
import { pollChanges } from './pageMap';
import { sampleItems, transferPage } from './history';
import type { StateStore } from './state';
import { stateStore } from './state';
import { normalizeChargeback } from '../outputs/chargeback';
import { normalizePayment } from '../outputs/payment';
import { normalizePaymentLink } from '../outputs/paymentLink';
import { normalizeRefund } from '../outputs/refund';
import type {
  MollieChargeback,
  MolliePayment,
  MolliePaymentLink,
  MollieRefund,
  PaymentStatusName,
} from '../mollie/types';

export interface TriggerInputs {
  profileId?: string;
  method?: string;
}

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Reads the shared trigger inputs; a malformed one is refused, naming the field, before anything is sent. */
export const triggerInputs = (bundle: Pick<Bundle, 'inputData'>): TriggerInputs => {
  const input = (bundle.inputData ?? {}) as Record<string, unknown>;
  const profileId = blank(input.profile_id)
    ? undefined
    : mollieId(input.profile_id, 'profile', 'Website profile');
  let method: string | undefined;
  if (!blank(input.method)) {
    refuseUnfilledMapping(input.method, 'Payment method');
    method = String(input.method).trim().toLowerCase();
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(method)) {
      refuse(
        'Payment method',
        `"${shown(method, 40)}" is not a Mollie method id (e.g. ideal, creditcard, banktransfer, directdebit, paypal). Pick one from the list or leave it empty.`,
      );
    }
  }
  return { profileId, method };
};

export const isTrue = (value: unknown): boolean =>
  value === true || (typeof value === 'string' && /^(true|yes|1)$/i.test(value.trim()));

export const triggerClient = (z: ZObject, bundle: Bundle, inputs = triggerInputs(bundle)): MollieClient =>
  mollieClient(z, bundle, { profileId: inputs.profileId });

const STILL_OPEN: ReadonlySet<string> = new Set(['open', 'pending', 'authorized']);
const CHANGED_AT: Record<string, keyof MolliePayment> = {
  paid: 'paidAt',
  failed: 'failedAt',
  canceled: 'canceledAt',
  expired: 'expiredAt',
};

export const paymentEventId = (paymentId: string, status: string) => `${paymentId}:${status}`;

/** A listed entity that lacks a field Mollie's spec requires is skipped (mollie/entities.ts), never read into a TypeError. */
const readableAs = (resource: MollieResource) => (item: unknown) =>
  missingFields(resource, item).length === 0;

/** A payment in one of `statuses` as a trigger item: id `tr_x:<status>`. */
export const paymentStatusItem = (payment: MolliePayment): Item => ({
  ...normalizePayment(payment),
  id: paymentEventId(payment.id, payment.status),
});

/** Payments in one of `statuses` (optionally of one method), read through `list` (Mollie's payments list, or a benchmark's fake). */
export const paymentStatusSource = (
  list: ChangeSource<MolliePayment>['list'],
  statuses: PaymentStatusName[],
  method?: string,
): ChangeSource<MolliePayment> => ({
  list,
  changedAt: (payment) => {
    if (!statuses.includes(payment.status) || (method && payment.method !== method)) return null;
    return (payment[CHANGED_AT[payment.status]] as string | undefined) ?? payment.createdAt;
  },
  toItem: paymentStatusItem,
  canChange: (payment) => STILL_OPEN.has(payment.status),
  timestamps: (payment) => [payment.paidAt, payment.failedAt, payment.canceledAt, payment.expiredAt],
  readable: readableAs('payment'),
});

const refundSource = (mollie: MollieClient): ChangeSource<MollieRefund> => ({
  list: (page) => mollie.refunds.list(page, { embed: 'payment' }),
  changedAt: (refund) =>
    refund.status === 'failed' || refund.status === 'canceled' ? null : refund.createdAt,
  toItem: (refund) => normalizeRefund(refund) as Item,
  readable: readableAs('refund'),
});

const chargebackSource = (mollie: MollieClient): ChangeSource<MollieChargeback> => ({
  list: (page) => mollie.chargebacks.list(page, { embed: 'payment' }),
  changedAt: (chargeback) => chargeback.createdAt,
  toItem: (chargeback) => normalizeChargeback(chargeback) as Item,
  readable: readableAs('chargeback'),
});

const paymentLinkSource = (
  mollie: MollieClient,
): ChangeSource<MolliePaymentLink & { createdAt: string }> => ({
  list: (page) =>
    mollie.paymentLinks.list(page) as Promise<{
      items: Array<MolliePaymentLink & { createdAt: string }>;
      nextFrom?: string;
    }>,
  changedAt: (link) => (link.paidAt as string | null | undefined) ?? null,
  toItem: (link) => ({ ...normalizePaymentLink(link), id: `${link.id}:paid` }),
  canChange: (link, clock) =>
    !link.paidAt && !link.archived && !(link.expiresAt && Date.parse(link.expiresAt) < clock),
  timestamps: (link) => [link.paidAt as string | undefined],
  readable: readableAs('payment-link'),
});

/** The state key: one per trigger, profile, mode and filter; the store keys it to the Mollie account (store/connectionCache.ts). */
const stateKey = (triggerKey: string, mollie: MollieClient, inputs: TriggerInputs, variant = '') =>
  [
    'poll',
    'v2',
    triggerKey,
    inputs.profileId ?? 'default',
    mollie.credential.mode,
    inputs.method ?? 'any',
    variant,
  ].join(':');

/** No state: only what the newest page shows (the instant triggers' performList). */
const NO_STATE: StateStore<PageMapState> = { load: async () => undefined, save: async () => undefined };

const run = <T extends { id: string; createdAt: string }>(
  z: ZObject,
  bundle: Bundle,
  triggerKey: string,
  build: (mollie: MollieClient, inputs: TriggerInputs) => ChangeSource<T>,
  variant = '',
  stateless = false,
): Promise<Item[]> => {
  const inputs = triggerInputs(bundle);
  const mollie = triggerClient(z, bundle, inputs);
  const source = build(mollie, inputs);
  const meta = bundle.meta ?? ({} as Bundle['meta']);
  if (!stateless && (meta.isBulkRead === true || (meta.page ?? 0) > 0))
    return transferPage(z, source, meta.page ?? 0);
  if (meta.isLoadingSample === true) return sampleItems(source);
  const store = stateless
    ? NO_STATE
    : stateStore<PageMapState>(z, mollie.accounts, stateKey(triggerKey, mollie, inputs, variant));
  return pollChanges(source, store, { isPopulatingDedupe: meta.isPopulatingDedupe === true });
};

export const pollPaymentStatus = (
  z: ZObject,
  bundle: Bundle,
  triggerKey: string,
  statuses: PaymentStatusName[],
  stateless = false,
) =>
  run(
    z,
    bundle,
    triggerKey,
    (mollie, inputs) => paymentStatusSource((page) => mollie.payments.list(page), statuses, inputs.method),
    statuses.join('+'),
    stateless,
  );

export const pollRefunds = (z: ZObject, bundle: Bundle, stateless = false) =>
  run(z, bundle, 'payment_refunded', refundSource, '', stateless);
export const pollChargebacks = (z: ZObject, bundle: Bundle) =>
  run(z, bundle, 'chargeback_received', chargebackSource);
export const pollPaymentLinksPaid = (z: ZObject, bundle: Bundle) =>
  run(z, bundle, 'payment_link_paid', paymentLinkSource);

/** Statuses the Payment Failed trigger announces. */
export const failedStatuses = (bundle: Pick<Bundle, 'inputData'>): PaymentStatusName[] =>
  isTrue((bundle.inputData as Record<string, unknown> | undefined)?.include_canceled_expired)
    ? ['failed', 'canceled', 'expired']
    : ['failed'];
