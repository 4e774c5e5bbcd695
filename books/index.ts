import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import { refuse } from '../http/refuse';
import { mollieClient } from '../mollie/client';
import { SettlementIncomplete, settlementsClient } from '../mollie/settlements';
import { crmAdapter } from '../crm';
import { paymentRecorder } from '../recording/recordPayment';
import { hubspotSettlementWriter } from '../crm/hubspot/books';
import { moneybirdBooks } from '../crm/moneybird/books';
import { pipedriveSettlementWriter } from '../crm/pipedrive/books';
import { recordBooks } from './records';
import type { BookingNeeds, SettlementBooking, SettlementBooks } from '../crm/books';

export type { BookingResult, SettlementBooking, Unbooked } from '../crm/books';

/** Moneybird books the payout as a bank statement on a financial account, with Mollie's fee lines (not a fee per payment). */
const STATEMENT_NEEDS: BookingNeeds = {
  check: ({ financialAccountId }) => {
    if (!financialAccountId)
      refuse(
        'Financial account',
        'is empty: choose the Moneybird financial account of your Mollie payouts (e.g. Mollie).',
      );
  },
  feePerPayment: false,
};

/** HubSpot and Pipedrive write the settlement on each payment's record, with that payment's fee. */
const RECORD_NEEDS: BookingNeeds = { check: () => undefined, feePerPayment: true };

/** Where this connection's CRM books a settlement, and what it needs for that. */
const settlementBooks = (z: ZObject, bundle: Pick<Bundle, 'authData'>): SettlementBooks & BookingNeeds => {
  const credentials = readCredentials(bundle.authData);
  // Moneybird books each line on its invoice (about one request a line), whose contact the matching engine confirms as the record step does.
  if (credentials.crm === 'moneybird')
    return {
      ...STATEMENT_NEEDS,
      ...moneybirdBooks(z, credentials.moneybirdAdministrationId!, credentials.accounts),
    };
  const adapter = crmAdapter(z, bundle);
  // HubSpot and Pipedrive place and record a payment through the one "match, then record" service, as the record step does.
  const recorder = paymentRecorder(z, bundle, mollieClient(z, bundle), adapter);
  const writer =
    credentials.crm === 'hubspot'
      ? hubspotSettlementWriter(z, credentials.accounts)
      : pipedriveSettlementWriter(z, credentials.pipedriveDomain!, adapter, credentials.accounts);
  return { ...RECORD_NEEDS, ...recordBooks(z, recorder, writer) };
};

/** Books one paid-out Mollie settlement: read from Mollie (every line), then into the CRM's books, once however often it runs. */
export const bookSettlement = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  key: string,
  input: Omit<SettlementBooking, 'settlement' | 'split'>,
) => {
  const books = settlementBooks(z, bundle);
  books.check(input);
  const mollie = settlementsClient(z, bundle);
  const settlement = await mollie.get(key);
  if (!settlement)
    throw new z.errors.Error(
      `Settlement: Mollie has no settlement ${key} for this access token.`,
      'NotFound',
      404,
    );
  if (settlement.status !== 'paidout') {
    throw new z.errors.Error(
      `Settlement: ${settlement.id} is ${settlement.status}, not paid out yet; it can be booked once Mollie has paid it out.`,
      'NotPaidOut',
      400,
    );
  }
  const split = await mollie.split(settlement, { fees: books.feePerPayment }).catch((error: unknown) => {
    if (!(error instanceof SettlementIncomplete)) throw error;
    throw new z.errors.Error(
      `Settlement: ${settlement.id} has more lines than Mollie can list within one Zapier run (${error.message}); book it in parts by hand.`,
      'TooLarge',
      413,
    );
  });
  const result = await books.record({ ...input, settlement, split });
  return { settlement, split, result };
};
