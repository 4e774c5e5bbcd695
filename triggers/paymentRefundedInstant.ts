import { defineTrigger } from 'zapier-platform-core';
import type { MollieRefund } from '../mollie/types';
import { normalizeRefund, refundOutputFields, refundSample } from '../mollie/normalize';
import type { Item } from '../mollie/polling';
import { pollRefunds } from '../mollie/pollingTriggers';
import { profileField } from './common/fields';
import { instantTrigger } from './common/instant';

/** The event's refund carries the payment id only: no payment fields without an extra request. */
const refundOnly = <T extends { key: string }>(keys: T[]) => keys.filter(({ key }) => !key.startsWith('payment_') || key === 'payment_id');
const sample = Object.fromEntries(refundOnly(Object.keys(refundSample).map((key) => ({ key }))).map(({ key }) => [key, refundSample[key]]));

export const hooks = instantTrigger({
  label: 'Payment Refunded (instant)',
  eventTypes: () => ['refund.refunded'],
  toItem: (entity) => normalizeRefund(entity as unknown as MollieRefund) as Item,
  recent: (z, bundle) => pollRefunds(z, bundle, true),
});

export default defineTrigger({
  key: 'payment_refunded_instant',
  noun: 'Refund',
  display: {
    label: 'Payment Refunded (Instant)',
    description:
      'Triggers when Mollie reports through a webhook that a refund (full or partial) was made, with the refund and its payment ID. ' +
      'Needs an organization access token (access_…); add a Find Payment step for the payment’s details.',
  },
  operation: {
    type: 'hook',
    inputFields: [profileField],
    ...hooks,
    sample,
    outputFields: refundOnly(refundOutputFields),
  },
});
