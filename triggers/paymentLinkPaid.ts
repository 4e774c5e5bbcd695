import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { paymentLinkEventOutputFields, paymentLinkSample } from '../outputs/payments';
import { pollPaymentLinksPaid } from '../triggerEngine/paymentEvents';
import { profileField } from './common/fields';

export const perform = (z: ZObject, bundle: Bundle) => pollPaymentLinksPaid(z, bundle);

export default defineTrigger({
  key: 'payment_link_paid',
  noun: 'Payment Link',
  display: {
    label: 'Payment Link Paid',
    description:
      'Triggers when a Mollie payment link (e.g. one sent with an invoice) is paid, also days or weeks after it was created. ' +
      'The invoice number is read from the link’s description.',
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    inputFields: [profileField],
    perform,
    sample: { ...paymentLinkSample, id: 'pl_4Y0eZitmBnQ6IDoMqZQKh:paid' },
    outputFields: paymentLinkEventOutputFields,
  },
});
