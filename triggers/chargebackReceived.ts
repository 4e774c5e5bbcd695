import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { chargebackOutputFields, chargebackSample } from '../outputs/chargeback';
import type { Item } from '../triggerEngine/pageMap';
import { pollChargebacks } from '../triggerEngine/paymentEvents';
import { profileField } from './common/fields';

const inputFields = defineInputFields([profileField]);

export const perform = pollChargebacks satisfies PollingTriggerPerform<typeof inputFields, Item>;

export default defineTrigger({
  key: 'chargeback_received',
  noun: 'Chargeback',
  display: {
    label: 'Chargeback Received',
    description:
      'Triggers when a payment gets a chargeback (a disputed card payment or a reversed SEPA direct debit), once per chargeback, with the payment it belongs to.',
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    inputFields,
    perform,
    sample: chargebackSample,
    outputFields: chargebackOutputFields,
  },
});
