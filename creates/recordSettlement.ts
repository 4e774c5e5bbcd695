import type { CreatePerform, InferInputData } from 'zapier-platform-core';
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { bookSettlement } from '../books';
import { settlementKey } from '../mollie/settlements';
import { crmName, optionalId } from '../operations/inputs';
import {
  bookingOutput,
  SETTLEMENT_RECORD_OUTPUT_FIELDS,
  SETTLEMENT_RECORD_SAMPLE,
  type BookingOutput,
} from '../outputs/settlementBooking';

const inputFields = defineInputFields([
  {
    key: 'settlement_id',
    label: 'Settlement',
    type: 'string',
    required: true,
    helpText:
      'The Mollie settlement to book: map **Settlement ID** from the Settlement Paid Out trigger (stl_…), or type its bank reference (e.g. 1234567.2611.03).',
  },
  {
    key: 'financial_account_id',
    label: 'Financial account',
    type: 'string',
    required: false,
    dynamic: 'moneybird_financial_accounts.id.name',
    helpText:
      'Moneybird only (required there): the financial account your Mollie payouts go on, e.g. "Mollie". Create it in Moneybird under Bank → Add account → Payment provider if you have none.',
  },
  {
    key: 'fee_ledger_account_id',
    label: 'Ledger account for Mollie fees',
    type: 'string',
    required: false,
    dynamic: 'moneybird_ledger_accounts.id.name',
    helpText:
      'Moneybird only: where Mollie’s fees are booked (e.g. Transaction costs). Leave empty to leave the fee lines for your bookkeeper.',
  },
]);

/** Books one Mollie payout: read from Mollie (every line), then into the CRM, once however often it runs. */
export const perform = (async (z, bundle) => {
  const key = settlementKey(bundle.inputData.settlement_id, 'Settlement');
  const financialAccountId = optionalId(bundle.inputData.financial_account_id, 'Financial account');
  const feeLedgerAccountId = optionalId(
    bundle.inputData.fee_ledger_account_id,
    'Ledger account for Mollie fees',
  );
  const { settlement, split, result } = await bookSettlement(z, bundle, key, {
    financialAccountId,
    feeLedgerAccountId,
  });
  return bookingOutput(settlement, split, result, crmName(bundle));
}) satisfies CreatePerform<InferInputData<typeof inputFields>, BookingOutput>;

export default defineCreate({
  key: 'record_settlement',
  noun: 'Settlement',
  display: {
    label: 'Record Settlement in the Books',
    description:
      'Creates the booking of a Mollie payout: in Moneybird as one bank statement in which every line books its own amount on its invoice (never paid twice); ' +
      'in HubSpot or Pipedrive by writing the settlement reference, payout date and fee on each payment’s record, and the refunds and chargebacks on theirs. ' +
      'Running it again changes nothing.',
  },
  operation: {
    inputFields,
    perform,
    sample: SETTLEMENT_RECORD_SAMPLE,
    outputFields: SETTLEMENT_RECORD_OUTPUT_FIELDS,
  },
});
