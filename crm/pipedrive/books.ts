/** Pipedrive: the settlement fields are deal fields (created on first use), written on each payment's deal. */
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, type AccountNames } from '../../store/connectionCache';
import { apiBase } from '../../http/endpoints';
import type { CrmAdapter } from '../adapter';
import { caller } from '../http';
import { mapLimited } from '../../http/mapLimited';
import type { RecordWriter } from '../books';
import { allFields, type Field } from './fields';

export const SETTLEMENT_DEAL_FIELDS = { reference: 'Mollie settlement reference', payoutDate: 'Mollie payout date', fee: 'Mollie fee' } as const;

export const pipedriveSettlementWriter = (z: ZObject, companyDomain: string, adapter: CrmAdapter, accounts: AccountNames): RecordWriter => {
  const call = caller(z, 'pipedrive', () => apiBase('pipedrive', companyDomain));
  const cache = connectionCache(z, accounts, 'crm');
  const fieldKeys = async (): Promise<Record<keyof typeof SETTLEMENT_DEAL_FIELDS, string>> =>
    cache.remember('pipedrive:settlement-fields:v1', 3600, async () => {
      const list = await allFields(z, call, 'dealFields');
      const keys: Partial<Record<keyof typeof SETTLEMENT_DEAL_FIELDS, string>> = {};
      for (const [role, name] of Object.entries(SETTLEMENT_DEAL_FIELDS) as [keyof typeof SETTLEMENT_DEAL_FIELDS, string][]) {
        keys[role] = list.find((field) => field.name.toLowerCase() === name.toLowerCase())?.key ?? (await call<{ data: Field }>('POST', '/api/v1/dealFields', { body: { name, field_type: 'varchar' } })).data.data.key;
      }
      return keys as Record<keyof typeof SETTLEMENT_DEAL_FIELDS, string>;
    });
  return {
    existing: async (paymentIds) => {
      const records = await mapLimited(paymentIds, 3, (molliePaymentId) => adapter.findPaymentRecord({ molliePaymentId }));
      return new Map(records.flatMap((record, index) => (record ? [[paymentIds[index], record.id] as [string, string]] : [])));
    },
    annotate: async (entries) => {
      if (entries.length === 0) return;
      const keys = await fieldKeys();
      await mapLimited(entries, 3, async ({ recordId, fields }) => {
        if (!recordId) return;
        await call('PATCH', `/api/v2/deals/${recordId}`, { body: { custom_fields: { [keys.reference]: fields.reference, [keys.payoutDate]: fields.payoutDate, ...(fields.fee ? { [keys.fee]: fields.fee } : {}) } } });
      });
    },
  };
};
