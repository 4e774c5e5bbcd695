import type { Bundle, ZObject } from 'zapier-platform-core';
import { settlementBooks } from '../books';
import { crmName, optionalId, refuseInput } from '../operations/inputs';
import { SETTLEMENT_INPUT_FIELDS, SETTLEMENT_RECORD_OUTPUT_FIELDS, SETTLEMENT_RECORD_SAMPLE, bookingOutput } from '../outputs/settlementBooking';
import { SettlementIncomplete, settlementKey, settlementsClient } from '../mollie/settlements';

/** Books one Mollie payout: read from Mollie (every line), then into the CRM, once however often it runs. */
export const perform = async (z: ZObject, bundle: Bundle) => {
  const key = settlementKey(bundle.inputData.settlement_id, 'Settlement');
  const financialAccountId = optionalId(bundle.inputData.financial_account_id, 'Financial account');
  const feeLedgerAccountId = optionalId(bundle.inputData.fee_ledger_account_id, 'Ledger account for Mollie fees');
  if (crmName(bundle) === 'moneybird' && !financialAccountId) refuseInput('Financial account', 'is empty: choose the Moneybird financial account of your Mollie payouts (e.g. Mollie).');
  const mollie = settlementsClient(z, bundle);
  const settlement = await mollie.get(key);
  if (!settlement) throw new z.errors.Error(`Settlement: Mollie has no settlement ${key} for this access token.`, 'NotFound', 404);
  if (settlement.status !== 'paidout') {
    throw new z.errors.Error(`Settlement: ${settlement.id} is ${settlement.status}, not paid out yet; it can be booked once Mollie has paid it out.`, 'NotPaidOut', 400);
  }
  // Moneybird books Mollie's fee lines, not a fee per payment: reading the balance's transactions is only worth it for the deals.
  const split = await mollie.split(settlement, { fees: crmName(bundle) !== 'moneybird' }).catch((error: unknown) => {
    if (!(error instanceof SettlementIncomplete)) throw error;
    throw new z.errors.Error(`Settlement: ${settlement.id} has more lines than Mollie can list within one Zapier run (${error.message}); book it in parts by hand.`, 'TooLarge', 413);
  });
  const result = await settlementBooks(z, bundle).record({ settlement, split, financialAccountId, feeLedgerAccountId });
  return bookingOutput(settlement, split, result, crmName(bundle));
};

export default {
  key: 'record_settlement',
  noun: 'Settlement',
  display: {
    label: 'Record Settlement in the Books',
    description:
      'Creates the booking of a Mollie payout: in Moneybird as one bank statement with every payment linked to its invoice (never paid twice); in HubSpot or ' +
      'Pipedrive by writing the settlement reference, payout date and fee on each payment’s record. Running it again changes nothing.',
  },
  operation: {
    inputFields: SETTLEMENT_INPUT_FIELDS,
    perform,
    sample: SETTLEMENT_RECORD_SAMPLE,
    outputFields: SETTLEMENT_RECORD_OUTPUT_FIELDS,
  },
};
