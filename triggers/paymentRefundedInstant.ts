import { defineTrigger } from 'zapier-platform-core';
import type { MollieRefund } from '../mollie/types';
import { normalizeRefund, refundEventItem, refundEventOutputFields, refundEventSample } from '../outputs/payments';
import type { Item } from '../triggerEngine/pageMap';
import { pollRefunds } from '../triggerEngine/paymentEvents';
import { profileField } from './common/fields';
import { instantTrigger } from '../triggerEngine/webhooks';

export const hooks = instantTrigger({
  label: 'Payment Refunded (instant)',
  eventTypes: () => ['refund.refunded'],
  toItem: (entity) => refundEventItem(normalizeRefund(entity as unknown as MollieRefund)) as Item,
  recent: async (z, bundle) => (await pollRefunds(z, bundle, true)).map(refundEventItem),
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
    sample: refundEventSample,
    outputFields: refundEventOutputFields,
  },
});
