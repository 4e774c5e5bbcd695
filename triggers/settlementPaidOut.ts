import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { SETTLEMENT_OUTPUT_FIELDS, SETTLEMENT_SAMPLE } from '../outputs/settlement';
import { pollPaidOutSettlements } from '../triggerEngine/settlementEvents';

export const perform = pollPaidOutSettlements satisfies PollingTriggerPerform<[], { id: string }>;

export default defineTrigger({
  key: 'settlement_paid_out',
  noun: 'Settlement',
  display: {
    label: 'Settlement Paid Out',
    description:
      'Triggers when Mollie pays out a settlement to your bank, once per payout, with a line for every payment, capture, refund, ' +
      'chargeback and fee in it that add up to the payout to the cent. Needs an organization access token with settlements.read.',
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: SETTLEMENT_SAMPLE,
    outputFields: SETTLEMENT_OUTPUT_FIELDS,
  },
});
