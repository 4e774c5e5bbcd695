import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { paymentEventOutputFields, paymentSample } from '../outputs/payments';
import { pollPaymentStatus } from '../triggerEngine/paymentEvents';
import { LATE_CHANGES_NOTE, methodField, profileField } from './common/fields';

export const perform = (z: ZObject, bundle: Bundle) => pollPaymentStatus(z, bundle, 'payment_paid', ['paid']);

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
    inputFields: [profileField, methodField],
    perform,
    sample: { ...paymentSample, id: 'tr_7UhSN1zuXS:paid' },
    outputFields: paymentEventOutputFields,
  },
});
