import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { failedPaymentSample, paymentEventOutputFields } from '../outputs/payment';
import type { Item } from '../triggerEngine/pageMap';
import { failedStatuses, pollPaymentStatus } from '../triggerEngine/paymentEvents';
import { includeCanceledExpiredField, LATE_CHANGES_NOTE, methodField, profileField } from './common/fields';

const inputFields = defineInputFields([profileField, methodField, includeCanceledExpiredField]);

export const perform = ((z, bundle) =>
  pollPaymentStatus(z, bundle, 'payment_failed', failedStatuses(bundle))) satisfies PollingTriggerPerform<
  typeof inputFields,
  Item
>;

export default defineTrigger({
  key: 'payment_failed',
  noun: 'Payment',
  display: {
    label: 'Payment Failed',
    description: `Triggers when a Mollie payment fails (optionally also when it is canceled or expires), once per payment. ${LATE_CHANGES_NOTE}`,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    inputFields,
    perform,
    sample: failedPaymentSample,
    outputFields: paymentEventOutputFields,
  },
});
