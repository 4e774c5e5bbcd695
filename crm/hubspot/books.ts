/** HubSpot: the settlement fields are deal properties, written in one batch upsert per 100 deals (on the unique Mollie id). */
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, type AccountNames } from '../../store/connectionCache';
import { apiBase } from '../../http/endpoints';
import { caller } from '../http';
import { MOLLIE_ID_PROPERTY } from './adapter';
import type { RecordWriter } from '../books';

export const SETTLEMENT_DEAL_PROPERTIES = [
  { name: 'mollie_settlement_reference', label: 'Mollie settlement reference', description: 'The bank reference of the Mollie payout this payment was paid out in.' },
  { name: 'mollie_payout_date', label: 'Mollie payout date', description: 'When Mollie paid this payment out to the bank (YYYY-MM-DD).' },
  { name: 'mollie_fee', label: 'Mollie fee', description: 'The fee Mollie deducted for this payment, where Mollie states it.' },
];
const CHECKED_KEY = 'hubspot:settlement-properties:v1';
const BATCH = 100;

const chunks = <T>(values: T[]): T[][] => Array.from({ length: Math.ceil(values.length / BATCH) }, (_, index) => values.slice(index * BATCH, index * BATCH + BATCH));

export const hubspotSettlementWriter = (z: ZObject, accounts: AccountNames): RecordWriter => {
  const call = caller(z, 'hubspot', () => apiBase('hubspot'));
  const cache = connectionCache(z, accounts, 'crm');
  const ensureProperties = async () => {
    if (await cache.get<boolean>(CHECKED_KEY)) return;
    const { data } = await call<{ results: { name: string }[] }>('GET', '/crm/v3/properties/deals');
    const missing = SETTLEMENT_DEAL_PROPERTIES.filter((wanted) => !data.results.some((property) => property.name === wanted.name));
    if (missing.length) {
      await call('POST', '/crm/v3/properties/deals/batch/create', {
        body: { inputs: missing.map((property) => ({ ...property, type: 'string', fieldType: 'text', groupName: 'dealinformation', hasUniqueValue: false })) },
        pass: [409],
      });
    }
    await cache.set(CHECKED_KEY, true, 3600);
  };
  return {
    existing: async (paymentIds) => {
      const found = new Map<string, string>();
      if (paymentIds.length === 0) return found;
      const { status } = await call('GET', `/crm/v3/properties/deals/${MOLLIE_ID_PROPERTY}`, { pass: [404] });
      if (status === 404) return found;
      for (const batch of chunks(paymentIds)) {
        const { data } = await call<{ results: { id: string; properties: Record<string, string | null> }[] }>('POST', '/crm/v3/objects/deals/batch/read', {
          body: { idProperty: MOLLIE_ID_PROPERTY, inputs: batch.map((id) => ({ id })), properties: [MOLLIE_ID_PROPERTY], propertiesWithHistory: [] },
          pass: [207],
        });
        for (const deal of data.results ?? []) if (deal.properties[MOLLIE_ID_PROPERTY]) found.set(String(deal.properties[MOLLIE_ID_PROPERTY]), deal.id);
      }
      return found;
    },
    annotate: async (entries) => {
      if (entries.length === 0) return;
      await ensureProperties();
      for (const batch of chunks(entries)) {
        await call('POST', '/crm/v3/objects/deals/batch/upsert', {
          body: {
            inputs: batch.map(({ paymentId, fields }) => ({
              id: paymentId,
              idProperty: MOLLIE_ID_PROPERTY,
              properties: { mollie_settlement_reference: fields.reference, mollie_payout_date: fields.payoutDate, ...(fields.fee ? { mollie_fee: fields.fee } : {}) },
            })),
          },
        });
      }
    },
  };
};
