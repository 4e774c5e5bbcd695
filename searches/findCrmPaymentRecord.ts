import type { InferInputData, SearchPerform } from 'zapier-platform-core';
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { findRecordFields } from '../operations/crmFields';
import { crmIdInput } from '../crm/ids';
import {
  RECORD_OUTPUT_FIELDS,
  RECORD_SAMPLE,
  recordOutput,
  type RecordOutput,
} from '../outputs/paymentRecord';
import { crmName, molliePaymentId, optionalText } from '../operations/inputs';

const inputFields = defineInputFields([
  {
    key: 'payment_id',
    label: 'Mollie payment ID',
    type: 'string',
    required: true,
    helpText: 'The Mollie payment, e.g. tr_WDqYK6vllg.',
  },
  findRecordFields,
]);

export const perform = (async (z, bundle) => {
  const id = molliePaymentId(bundle.inputData.payment_id, 'Mollie payment ID');
  const invoiceNumber = optionalText(bundle.inputData.invoice_number, 'Invoice number', 100);
  const accountId = crmIdInput(bundle, 'account', bundle.inputData.account_id, 'Account ID');
  const record = await crmAdapter(z, bundle).findPaymentRecord({
    molliePaymentId: id,
    invoiceNumber,
    accountId,
  });
  return record ? [recordOutput(record, { crm: crmName(bundle) })] : [];
}) satisfies SearchPerform<InferInputData<typeof inputFields>, RecordOutput>;

export default defineSearch({
  key: 'find_crm_payment_record',
  noun: 'CRM Payment Record',
  display: {
    label: 'Find CRM Payment Record',
    description:
      'Finds the record of a Mollie payment in your CRM: the HubSpot or Pipedrive deal, or the payment on the Moneybird invoice.',
  },
  operation: {
    inputFields,
    perform,
    sample: RECORD_SAMPLE,
    outputFields: RECORD_OUTPUT_FIELDS,
  },
});
