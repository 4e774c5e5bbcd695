import type { InferInputData } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { MolliePayment } from '../mollie/types';
import { paidPaymentSample, paymentEventOutputFields } from '../outputs/payment';
import { paymentStatusItem, pollPaymentStatus } from '../triggerEngine/paymentEvents';
import { instantTrigger } from '../triggerEngine/webhooks';
import { methodField, profileField } from './common/fields';

const inputFields = defineInputFields([profileField, methodField]);

export const hooks = instantTrigger<InferInputData<typeof inputFields>>({
  label: 'Payment Paid (instant)',
  eventTypes: () => ['payment.paid'],
  toItem: (entity) => paymentStatusItem(entity as unknown as MolliePayment),
  recent: (z, bundle) => pollPaymentStatus(z, bundle, 'payment_paid', ['paid'], true),
});

export default defineTrigger({
  key: 'payment_paid_instant',
  noun: 'Payment',
  display: {
    label: 'Payment Paid (Instant)',
    description:
      'Triggers when Mollie reports through a webhook that a payment became paid. Needs a connection with an organization ' +
      'access token (access_…); with an API key use Payment Paid instead.',
  },
  operation: {
    type: 'hook',
    inputFields,
    ...hooks,
    sample: paidPaymentSample,
    outputFields: paymentEventOutputFields,
  },
});
