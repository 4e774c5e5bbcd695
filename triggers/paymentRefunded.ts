import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { refundOutputFields, refundSample } from '../outputs/payments';
import { pollRefunds } from '../triggerEngine/paymentEvents';
import { profileField } from './common/fields';

export const perform = (z: ZObject, bundle: Bundle) => pollRefunds(z, bundle);

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
    inputFields: [profileField],
    perform,
    sample: refundSample,
    outputFields: refundOutputFields,
  },
});
