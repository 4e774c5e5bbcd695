import type { InferInputData } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { MollieRefund } from '../mollie/types';
import {
  normalizeRefund,
  refundEventItem,
  refundEventOutputFields,
  refundEventSample,
} from '../outputs/refund';
import type { Item } from '../triggerEngine/pageMap';
import { pollRefunds } from '../triggerEngine/paymentEvents';
import { instantTrigger } from '../triggerEngine/webhooks';
import { profileField } from './common/fields';

const inputFields = defineInputFields([profileField]);

export const hooks = instantTrigger<InferInputData<typeof inputFields>>({
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
    inputFields,
    ...hooks,
    sample: refundEventSample,
    outputFields: refundEventOutputFields,
  },
});
