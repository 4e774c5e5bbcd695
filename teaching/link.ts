/**
 * Link Payment to CRM Account: a person chose the account of a payment the
 * app could not place. The payment is recorded on that account exactly as
 * the record step records it, and then the app is taught what identifies the
 * payer (teaching/teach.ts), so the payer's next payment matches by itself.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { VENDOR_LABELS } from '../http/endpoints';
import type { MollieClient } from '../mollie/client';
import type { MolliePayment } from '../mollie/types';
import { invoiceForRecord } from '../recording/invoiceNumber';
import { matchThenRecord } from '../recording/recordPayment';
import { readStepPayment } from '../recording/stepReading';
import { teach } from './teach';

export interface LinkRequest {
  /** The payment the step was given (read by the step, operations/stepPayment.ts). */
  payment: MolliePayment;
  accountId: string;
  /** The invoice to book on (Moneybird); the payment's own reading when empty. */
  invoiceNumber?: string;
}

/**
 * Records the payment on the chosen account through the one "match, then
 * record" service (recording/), as the record step does: where the payment's
 * own customer ID or invoice names another account, it is booked on neither
 * and nothing is taught. Then the payer is taught.
 */
export const linkPayment = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  mollie: MollieClient,
  request: LinkRequest,
) => {
  const adapter = crmAdapter(z, bundle);
  const { payment } = request;
  const source = { z, bundle, mollie };
  const read = await readStepPayment(source, payment);
  // The invoice (Moneybird) is checked before the CRM is asked anything.
  invoiceForRecord(adapter, request.invoiceNumber, read.reading, payment.id);

  const account = await adapter.getAccount(request.accountId);
  if (!account) {
    throw new z.errors.Error(
      `Account: ${VENDOR_LABELS[adapter.crm]} has no account ${request.accountId}, so payment ${payment.id} was not recorded. Choose the account again.`,
      'NotFound',
      404,
    );
  }
  const chosen = {
    id: account.id,
    how: 'chosen in the review step',
    note: `Chosen in the review step: ${account.name}.`,
    field: 'Account',
  };
  const output = await matchThenRecord(
    z,
    source,
    adapter,
    payment,
    { account: chosen, invoiceNumber: request.invoiceNumber },
    read,
  );
  const lesson = await teach(z, bundle, {
    adapter,
    account,
    reading: read.reading,
    customer: read.customer,
    paymentId: payment.id,
  });
  return {
    ...output,
    taught: lesson.lines,
    next_match_by: lesson.nextMatchBy,
    teaching_summary: lesson.summary,
  };
};
