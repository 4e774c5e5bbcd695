import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { paidPaymentSample, paymentEventOutputFields } from '../outputs/payment';
import type { Item } from '../triggerEngine/pageMap';
import { pollPaymentStatus } from '../triggerEngine/paymentEvents';
import { LATE_CHANGES_NOTE, methodField, profileField } from './common/fields';

const inputFields = defineInputFields([profileField, methodField]);

export const perform = ((z, bundle) =>
  pollPaymentStatus(z, bundle, 'payment_paid', ['paid'])) satisfies PollingTriggerPerform<
  typeof inputFields,
  Item
>;

export default defineTrigger({
  key: 'payment_paid',
  noun: 'Payment',
  display: {
    label: 'Payment Paid',
    description: `Triggers when a Mollie payment becomes paid, once per payment, however long after it was created. ${LATE_CHANGES_NOTE}`,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    inputFields,
    perform,
    sample: paidPaymentSample,
    outputFields: paymentEventOutputFields,
  },
});
