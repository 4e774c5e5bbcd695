import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { paymentEventOutputFields, paymentSample } from '../outputs/payments';
import { failedStatuses, pollPaymentStatus } from '../triggerEngine/paymentEvents';
import { includeCanceledExpiredField, LATE_CHANGES_NOTE, methodField, profileField } from './common/fields';

export const perform = (z: ZObject, bundle: Bundle) => pollPaymentStatus(z, bundle, 'payment_failed', failedStatuses(bundle));

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
    inputFields: [profileField, methodField, includeCanceledExpiredField],
    perform,
    sample: {
      ...paymentSample,
      id: 'tr_Wq2kTx8PbR:failed',
      payment_id: 'tr_Wq2kTx8PbR',
      status: 'failed',
      method: 'directdebit',
      amount_remaining_value: '0.00',
      paid_at: null,
      failed_at: '2026-11-07T06:02:40+00:00',
      dashboard_url: 'https://my.mollie.com/dashboard/org_1234567/payments/tr_Wq2kTx8PbR',
    },
    outputFields: paymentEventOutputFields,
  },
});
