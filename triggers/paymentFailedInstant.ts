import type { InferInputData } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { MolliePayment } from '../mollie/types';
import { failedPaymentSample, paymentEventOutputFields } from '../outputs/payment';
import { failedStatuses, paymentStatusItem, pollPaymentStatus } from '../triggerEngine/paymentEvents';
import { instantTrigger } from '../triggerEngine/webhooks';
import { includeCanceledExpiredField, methodField, profileField } from './common/fields';

const inputFields = defineInputFields([profileField, methodField, includeCanceledExpiredField]);

export const hooks = instantTrigger<InferInputData<typeof inputFields>>({
  label: 'Payment Failed (instant)',
  eventTypes: (bundle) => failedStatuses(bundle).map((status) => `payment.${status}`),
  toItem: (entity) => paymentStatusItem(entity as unknown as MolliePayment),
  recent: (z, bundle) => pollPaymentStatus(z, bundle, 'payment_failed', failedStatuses(bundle), true),
});

export default defineTrigger({
  key: 'payment_failed_instant',
  noun: 'Payment',
  display: {
    label: 'Payment Failed (Instant)',
    description:
      'Triggers when Mollie reports through a webhook that a payment failed (optionally also canceled or expired). Needs an ' +
      'organization access token (access_…); with an API key use Payment Failed instead.',
  },
  operation: {
    type: 'hook',
    inputFields,
    ...hooks,
    sample: failedPaymentSample,
    outputFields: paymentEventOutputFields,
  },
});
