/**
 * Pipedrive: the settlement fields are deal fields (created on first use),
 * written on each payment's deal: the payout's reference, date and fee, and for
 * refunds and chargebacks paid out the charged-back amount and the references
 * of the payouts that paid them out.
 */
import type { ZObject } from 'zapier-platform-core';
import { connectionCache, type AccountNames } from '../../store/connectionCache';
import { apiBase } from '../../http/endpoints';
import type { CrmAdapter } from '../adapter';
import { caller } from '../http';
import { mapLimited } from '../../http/mapLimited';
import type { CorrectionFields, RecordWriter } from '../books';
import { allFields, type Field } from './fields';

export const SETTLEMENT_DEAL_FIELDS = {
  reference: 'Mollie settlement reference',
  payoutDate: 'Mollie payout date',
  fee: 'Mollie fee',
  chargedBack: 'Mollie amount charged back',
  refundReference: 'Mollie refund settlement reference',
} as const;
type Role = keyof typeof SETTLEMENT_DEAL_FIELDS;
const DAY_SECONDS = 86_400;

export const pipedriveSettlementWriter = (
  z: ZObject,
  companyDomain: string,
  adapter: CrmAdapter,
  accounts: AccountNames,
): RecordWriter => {
  const call = caller(z, 'pipedrive', () => apiBase('pipedrive', companyDomain));
  const cache = connectionCache(z, accounts, 'crm');
  const fieldKeys = async (): Promise<Record<Role, string>> =>
    cache.remember('pipedrive:settlement-fields:v2', 3600, async () => {
      const list = await allFields(z, call, 'dealFields');
      const keys: Partial<Record<Role, string>> = {};
      for (const [role, name] of Object.entries(SETTLEMENT_DEAL_FIELDS) as [Role, string][]) {
        keys[role] =
          list.find((field) => field.name.toLowerCase() === name.toLowerCase())?.key ??
          (
            await call<{ data: Field }>('POST', '/api/v1/dealFields', {
              body: { name, field_type: 'varchar' },
            })
          ).data.data.key;
      }
      return keys as Record<Role, string>;
    });
  const patch = (recordId: string, fields: Record<string, string>) =>
    call('PATCH', `/api/v2/deals/${recordId}`, { body: { custom_fields: fields } });
  return {
    existing: async (paymentIds) => {
      const records = await mapLimited(paymentIds, 3, (molliePaymentId) =>
        adapter.findPaymentRecord({ molliePaymentId }),
      );
      return new Map(
        records.flatMap((record, index) =>
          record ? [[paymentIds[index], record.id] as [string, string]] : [],
        ),
      );
    },
    annotate: async (entries) => {
      if (entries.length === 0) return;
      const keys = await fieldKeys();
      await mapLimited(entries, 3, async ({ recordId, fields }) => {
        if (!recordId) return;
        await patch(recordId, {
          [keys.reference]: fields.reference,
          [keys.payoutDate]: fields.payoutDate,
          ...(fields.fee ? { [keys.fee]: fields.fee } : {}),
        });
      });
    },
    corrections: async (entries) => {
      if (entries.length === 0) return new Map();
      const keys = await fieldKeys();
      const deals = await mapLimited(
        entries,
        3,
        async ({ recordId }) =>
          (
            await call<{ data: { custom_fields?: Record<string, unknown> } }>(
              'GET',
              `/api/v2/deals/${recordId}`,
            )
          ).data.data,
      );
      return new Map(
        entries.map(({ paymentId }, index): [string, CorrectionFields] => {
          const custom = deals[index]?.custom_fields ?? {};
          const text = (key: string) =>
            custom[key] === null || custom[key] === undefined ? '' : String(custom[key]);
          return [
            paymentId,
            {
              chargedBack: text(keys.chargedBack),
              references: text(keys.refundReference).split(/,\s*/).filter(Boolean),
            },
          ];
        }),
      );
    },
    correct: async (entries) => {
      if (entries.length === 0) return;
      const keys = await fieldKeys();
      await mapLimited(entries, 3, ({ recordId, fields }) =>
        patch(recordId, {
          [keys.refundReference]: fields.references.join(', '),
          ...(fields.chargedBack ? { [keys.chargedBack]: fields.chargedBack } : {}),
        }),
      );
    },
    timeZone: () =>
      cache.remember(
        'pipedrive:time-zone:v1',
        DAY_SECONDS,
        async () =>
          (await call<{ data: { timezone_name?: string } }>('GET', '/api/v1/users/me')).data.data
            .timezone_name ?? 'UTC',
      ),
  };
};
