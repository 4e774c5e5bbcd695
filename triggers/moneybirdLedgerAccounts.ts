import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { bookkeepingOptions } from '../crm/moneybird/bookkeepingOptions';

/** Hidden: feeds the Ledger account for Mollie fees dropdown (Moneybird; empty for other CRMs). */
export const perform = ((z, bundle) =>
  bookkeepingOptions(z, bundle, 'ledger_accounts')) satisfies PollingTriggerPerform<
  [],
  { id: string; name: string }
>;

export default defineTrigger({
  key: 'moneybird_ledger_accounts',
  noun: 'Ledger Account',
  display: {
    label: 'List Moneybird Ledger Accounts',
    description:
      'Triggers when a Moneybird ledger account is listed, for the fee ledger account dropdown (hidden).',
    hidden: true,
  },
  operation: {
    perform,
    canPaginate: false,
    sample: { id: '496081520000000005', name: 'Transactiekosten (expenses)' },
    outputFields: [
      { key: 'id', label: 'Ledger account ID' },
      { key: 'name', label: 'Name' },
    ],
  },
});
