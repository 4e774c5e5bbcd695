import type { CreatePerform, InferInputData } from 'zapier-platform-core';
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { crmIdInput } from '../crm/ids';
import { RECORD_OUTPUT_FIELDS, RECORD_SAMPLE, type RecordOutput } from '../outputs/paymentRecord';
import { molliePaymentId, optionalText, refuseInput } from '../operations/inputs';
import { matchThenRecord } from '../recording/recordPayment';
import { mollieClient } from '../mollie/client';
import { stepPayment } from '../operations/stepPayment';
import { moneybirdInvoiceNumber, paymentRecordFields, usesPipelines } from '../operations/crmFields';

const inputFields = defineInputFields([
  {
    key: 'payment_id',
    label: 'Mollie payment ID',
    type: 'string',
    required: true,
    helpText:
      'The Mollie payment to record, e.g. tr_WDqYK6vllg. The step reads the amount, status and refunds from Mollie itself.',
  },
  {
    key: 'account_id',
    label: 'Account ID',
    type: 'string',
    helpText:
      'The CRM account the payment belongs to (e.g. from a Find CRM Account step). Leave empty to let the matching engine find it (customer ID in metadata, invoice number, Mollie customer, IBAN, e-mail); ' +
      'when it is not certain, the record is made without an account and How the account was chosen says why. ' +
      'When the payment’s own customer ID or invoice names another account, it is booked on neither and the step says why.',
  },
  paymentRecordFields,
]);

/**
 * Records a Mollie payment in the CRM, upserted on its id: replays and parallel
 * runs meet in one record, and a refund updates that record.
 */
export const perform = (async (z, bundle) => {
  const id = molliePaymentId(bundle.inputData.payment_id, 'Mollie payment ID');
  const moneybirdInvoice = moneybirdInvoiceNumber(bundle);
  const accountId = crmIdInput(bundle, 'account', bundle.inputData.account_id, 'Account ID');
  const invoiceInput =
    moneybirdInvoice ?? optionalText(bundle.inputData.invoice_number, 'Invoice number', 100);
  const pipelineId = usesPipelines(bundle)
    ? crmIdInput(bundle, 'pipeline', bundle.inputData.pipeline_id, 'Pipeline')
    : undefined;
  const stageId = usesPipelines(bundle)
    ? crmIdInput(bundle, 'stage', bundle.inputData.stage_id, 'Stage')
    : undefined;
  if (pipelineId && !stageId)
    refuseInput('Stage', 'is empty: choose the stage of the chosen pipeline the record goes in.');
  if (stageId && !pipelineId) refuseInput('Pipeline', 'is empty: choose the pipeline of the chosen stage.');

  const mollie = mollieClient(z, bundle);
  const payment = await stepPayment(z, mollie, id);
  const account = accountId
    ? { id: accountId, how: 'given in the step', note: 'Account given in the step.', field: 'Account ID' }
    : undefined;
  // A mapped invoice number wins; empty, the payment's own reading says it (recording/invoiceNumber.ts).
  return matchThenRecord(z, { z, bundle, mollie }, crmAdapter(z, bundle), payment, {
    account,
    invoiceNumber: invoiceInput,
    pipelineId,
    stageId,
  });
}) satisfies CreatePerform<InferInputData<typeof inputFields>, RecordOutput>;

export default defineCreate({
  key: 'create_crm_payment_record',
  noun: 'CRM Payment Record',
  display: {
    label: 'Create or Update CRM Payment Record',
    description:
      'Creates the record of a Mollie payment in your CRM (a HubSpot or Pipedrive deal, a payment on the Moneybird invoice), once: running it again, or after a refund, updates the same record.',
  },
  operation: {
    inputFields,
    perform,
    sample: RECORD_SAMPLE,
    outputFields: RECORD_OUTPUT_FIELDS,
  },
});
