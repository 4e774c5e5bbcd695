import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { refundOutputFields, refundSample } from '../outputs/refund';
import type { Item } from '../triggerEngine/pageMap';
import { pollRefunds } from '../triggerEngine/paymentEvents';
import { profileField } from './common/fields';

const inputFields = defineInputFields([profileField]);

export const perform = ((z, bundle) => pollRefunds(z, bundle)) satisfies PollingTriggerPerform<
  typeof inputFields,
  Item
>;

export default defineTrigger({
  key: 'payment_refunded',
  noun: 'Refund',
  display: {
    label: 'Payment Refunded',
    description:
      'Triggers when a payment is refunded, once per refund (full or partial), with the payment it belongs to. ' +
      'Refunds that failed or were canceled before the check do not trigger.',
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    inputFields,
    perform,
    sample: refundSample,
    outputFields: refundOutputFields,
  },
});
