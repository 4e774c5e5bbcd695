import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { paidLinkSample, paymentLinkEventOutputFields } from '../outputs/paymentLink';
import type { Item } from '../triggerEngine/pageMap';
import { pollPaymentLinksPaid } from '../triggerEngine/paymentEvents';
import { profileField } from './common/fields';

const inputFields = defineInputFields([profileField]);

export const perform = pollPaymentLinksPaid satisfies PollingTriggerPerform<typeof inputFields, Item>;

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
    inputFields,
    perform,
    sample: paidLinkSample,
    outputFields: paymentLinkEventOutputFields,
  },
});
