import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { bookkeepingOptions } from '../crm/moneybird/bookkeepingOptions';

/** Hidden: feeds the Financial account dropdown (Moneybird; empty for other CRMs). */
export const perform = ((z, bundle) =>
  bookkeepingOptions(z, bundle, 'financial_accounts')) satisfies PollingTriggerPerform<
  [],
  { id: string; name: string }
>;

export default defineTrigger({
  key: 'moneybird_financial_accounts',
  noun: 'Financial Account',
  display: {
    label: 'List Moneybird Financial Accounts',
    description:
      'Triggers when a Moneybird financial account is listed, for the Financial account dropdown (hidden).',
    hidden: true,
  },
  operation: {
    perform,
    canPaginate: false,
    sample: { id: '496081520000000002', name: 'Mollie (EUR)' },
    outputFields: [
      { key: 'id', label: 'Financial account ID' },
      { key: 'name', label: 'Name' },
    ],
  },
});
