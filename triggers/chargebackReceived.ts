import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { chargebackOutputFields, chargebackSample } from '../outputs/payments';
import { pollChargebacks } from '../triggerEngine/paymentEvents';
import { profileField } from './common/fields';

export const perform = (z: ZObject, bundle: Bundle) => pollChargebacks(z, bundle);

export default defineTrigger({
  key: 'chargeback_received',
  noun: 'Chargeback',
  display: {
    label: 'Chargeback Received',
    description: 'Triggers when a payment gets a chargeback (a disputed card payment or a reversed SEPA direct debit), once per chargeback, with the payment it belongs to.',
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    inputFields: [profileField],
    perform,
    sample: chargebackSample,
    outputFields: chargebackOutputFields,
  },
});
