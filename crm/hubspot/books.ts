/**
 * HubSpot: the settlement fields are deal properties, written in one batch
 * upsert per 100 deals (on the unique Mollie id): the payout's reference, date
 * and fee on each payment's deal, and for refunds and chargebacks paid out the
 * charged-back amount and the references of the payouts that paid them out.
 */
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, type AccountNames } from '../../store/connectionCache';
import { apiBase } from '../../http/endpoints';
import { caller } from '../http';
import { MOLLIE_ID_PROPERTY } from './adapter';
import type { CorrectionFields, RecordWriter } from '../books';

export const SETTLEMENT_DEAL_PROPERTIES = [
  {
    name: 'mollie_settlement_reference',
    label: 'Mollie settlement reference',
    description: 'The bank reference of the Mollie payout this payment was paid out in.',
  },
  {
    name: 'mollie_payout_date',
    label: 'Mollie payout date',
    description: 'When Mollie paid this payment out to the bank (YYYY-MM-DD).',
  },
  {
    name: 'mollie_fee',
    label: 'Mollie fee',
    description: 'The fee Mollie deducted for this payment, where Mollie states it.',
  },
  {
    name: 'mollie_amount_charged_back',
    label: 'Mollie amount charged back',
    description: 'What was charged back of this payment, as a decimal in the deal currency.',
  },
  {
    name: 'mollie_refund_settlement_reference',
    label: 'Mollie refund settlement reference',
    description:
      'The bank references of the Mollie payouts that paid out refunds or chargebacks of this payment.',
  },
];
const CHECKED_KEY = 'hubspot:settlement-properties:v2';
const TIME_ZONE_KEY = 'hubspot:time-zone:v1';
const BATCH = 100;
const DAY_SECONDS = 86_400;

const chunks = <T>(values: T[]): T[][] =>
  Array.from({ length: Math.ceil(values.length / BATCH) }, (_, index) =>
    values.slice(index * BATCH, index * BATCH + BATCH),
  );
type Deal = { id: string; properties: Record<string, string | null> };

export const hubspotSettlementWriter = (z: ZObject, accounts: AccountNames): RecordWriter => {
  const call = caller(z, 'hubspot', () => apiBase('hubspot'));
  const cache = connectionCache(z, accounts, 'crm');
  const ensureProperties = async () => {
    if (await cache.get<boolean>(CHECKED_KEY)) return;
    const { data } = await call<{ results: { name: string }[] }>('GET', '/crm/v3/properties/deals');
    const missing = SETTLEMENT_DEAL_PROPERTIES.filter(
      (wanted) => !data.results.some((property) => property.name === wanted.name),
    );
    if (missing.length) {
      await call('POST', '/crm/v3/properties/deals/batch/create', {
        body: {
          inputs: missing.map((property) => ({
            ...property,
            type: 'string',
            fieldType: 'text',
            groupName: 'dealinformation',
            hasUniqueValue: false,
          })),
        },
        pass: [409],
      });
    }
    await cache.set(CHECKED_KEY, true, 3600);
  };
  /** Deals by Mollie payment id, with these properties; none when the app's id property does not exist yet. */
  const dealsOf = async (paymentIds: string[], properties: string[]): Promise<Deal[]> => {
    if (paymentIds.length === 0) return [];
    const { status } = await call('GET', `/crm/v3/properties/deals/${MOLLIE_ID_PROPERTY}`, { pass: [404] });
    if (status === 404) return [];
    const deals: Deal[] = [];
    for (const batch of chunks(paymentIds)) {
      const { data } = await call<{ results: Deal[] }>('POST', '/crm/v3/objects/deals/batch/read', {
        body: {
          idProperty: MOLLIE_ID_PROPERTY,
          inputs: batch.map((id) => ({ id })),
          properties: [MOLLIE_ID_PROPERTY, ...properties],
          propertiesWithHistory: [],
        },
        pass: [207],
      });
      deals.push(...(data.results ?? []));
    }
    return deals.filter((deal) => deal.properties[MOLLIE_ID_PROPERTY]);
  };
  const upsert = async (inputs: Array<{ paymentId: string; properties: Record<string, string> }>) => {
    if (inputs.length === 0) return;
    await ensureProperties();
    for (const batch of chunks(inputs)) {
      await call('POST', '/crm/v3/objects/deals/batch/upsert', {
        body: {
          inputs: batch.map(({ paymentId, properties }) => ({
            id: paymentId,
            idProperty: MOLLIE_ID_PROPERTY,
            properties,
          })),
        },
      });
    }
  };
  return {
    existing: async (paymentIds) =>
      new Map(
        (await dealsOf(paymentIds, [])).map((deal) => [String(deal.properties[MOLLIE_ID_PROPERTY]), deal.id]),
      ),
    annotate: (entries) =>
      upsert(
        entries.map(({ paymentId, fields }) => ({
          paymentId,
          properties: {
            mollie_settlement_reference: fields.reference,
            mollie_payout_date: fields.payoutDate,
            ...(fields.fee ? { mollie_fee: fields.fee } : {}),
          },
        })),
      ),
    corrections: async (entries) => {
      const deals = await dealsOf(
        entries.map((entry) => entry.paymentId),
        ['mollie_amount_charged_back', 'mollie_refund_settlement_reference'],
      );
      return new Map(
        deals.map((deal): [string, CorrectionFields] => [
          String(deal.properties[MOLLIE_ID_PROPERTY]),
          {
            chargedBack: deal.properties.mollie_amount_charged_back ?? '',
            references: (deal.properties.mollie_refund_settlement_reference ?? '')
              .split(/,\s*/)
              .filter(Boolean),
          },
        ]),
      );
    },
    correct: (entries) =>
      upsert(
        entries.map(({ paymentId, fields }) => ({
          paymentId,
          properties: {
            mollie_refund_settlement_reference: fields.references.join(', '),
            ...(fields.chargedBack ? { mollie_amount_charged_back: fields.chargedBack } : {}),
          },
        })),
      ),
    timeZone: () =>
      cache.remember(
        TIME_ZONE_KEY,
        DAY_SECONDS,
        async () =>
          (await call<{ timeZone?: string }>('GET', '/account-info/v3/details')).data.timeZone ?? 'UTC',
      ),
  };
};
