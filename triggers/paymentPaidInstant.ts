import { defineTrigger } from 'zapier-platform-core';
import type { MolliePayment } from '../mollie/types';
import { paymentEventOutputFields, paymentSample } from '../outputs/payments';
import { paymentStatusItem, pollPaymentStatus } from '../triggerEngine/paymentEvents';
import { methodField, profileField } from './common/fields';
import { instantTrigger } from '../triggerEngine/webhooks';

export const hooks = instantTrigger({
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
    inputFields: [profileField, methodField],
    ...hooks,
    sample: { ...paymentSample, id: 'tr_7UhSN1zuXS:paid' },
    outputFields: paymentEventOutputFields,
  },
});
