import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import { crmAdapter } from '../crm';
import { hubspotSettlementWriter } from '../crm/hubspot/books';
import { moneybirdBooks } from '../crm/moneybird/books';
import { pipedriveSettlementWriter } from '../crm/pipedrive/books';
import { recordBooks } from './records';
import type { SettlementBooks } from '../crm/books';

export type { BookingResult, SettlementBooking, Unbooked } from '../crm/books';

/** Where this connection's CRM books a settlement. */
export const settlementBooks = (z: ZObject, bundle: Pick<Bundle, 'authData'>): SettlementBooks => {
  const credentials = readCredentials(bundle.authData);
  if (credentials.crm === 'moneybird') return moneybirdBooks(z, credentials.moneybirdAdministrationId!);
  const adapter = crmAdapter(z, bundle);
  const writer = credentials.crm === 'hubspot' ? hubspotSettlementWriter(z) : pipedriveSettlementWriter(z, credentials.pipedriveDomain!, adapter);
  return recordBooks(z, bundle, adapter, writer);
};
