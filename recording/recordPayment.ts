import type { CrmAdapter } from '../crm/adapter';
import { paymentRecordInput } from '../crm/recordStatus';
import type { MolliePayment } from '../mollie/types';
import { recordOutput } from '../outputs/paymentRecord';

export interface RecordPlace {
  /** The account, and how it was chosen (shown as "How the account was chosen"). */
  accountId?: string;
  note: string;
  invoiceNumber?: string;
  pipelineId?: string;
  stageId?: string;
}

/**
 * Records the payment on the CRM, upserted on its Mollie id (a replay or a
 * refund updates the one record; a record made without an account, or on
 * another, moves to the account given), as the record steps give it.
 */
export const recordPayment = async (adapter: CrmAdapter, payment: MolliePayment, place: RecordPlace) => {
  const { note, ...where } = place;
  const result = await adapter.upsertPaymentRecord({ ...paymentRecordInput(payment), ...where });
  return recordOutput(result, { crm: adapter.crm, outcome: result.outcome, match_note: note, invoice_number: place.invoiceNumber });
};
