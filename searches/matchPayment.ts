import type { InferInputData, SearchPerform } from 'zapier-platform-core';
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { accountForPayment } from '../recording/accountForPayment';
import {
  ACCOUNT_MATCH_OUTPUT_FIELDS,
  ACCOUNT_MATCH_SAMPLE,
  accountMatchOutput,
  type AccountMatchOutput,
} from '../outputs/account';
import { crmName, molliePaymentId } from '../operations/inputs';
import { mollieClient } from '../mollie/client';
import { stepPayment } from '../operations/stepPayment';
import { haltUncertain } from './common/uncertain';

const inputFields = defineInputFields([
  {
    key: 'payment_id',
    label: 'Mollie payment ID',
    type: 'string',
    required: true,
    helpText:
      'The payment to match, e.g. tr_WDqYK6vllg (map the ID from a Mollie trigger). The step reads the payment and its Mollie customer itself.',
  },
]);

/**
 * The account a Mollie payment belongs to, decided by the matching engine.
 * [] when no account is found; a halt naming the accounts when several could
 * be it (./common/uncertain.ts): a wrong match books money on the wrong customer.
 */
export const perform = (async (z, bundle) => {
  const id = molliePaymentId(bundle.inputData.payment_id, 'Mollie payment ID');
  const mollie = mollieClient(z, bundle);
  const payment = await stepPayment(z, mollie, id);
  const { result, account, candidates } = await accountForPayment(
    { z, bundle, mollie },
    crmAdapter(z, bundle),
    payment,
  );
  if (!account || !result.matchedBy) {
    if (result.reason === 'none_found' || candidates.length === 0) return [];
    return haltUncertain(z, `payment ${id}: ${result.explanation}`);
  }
  return [
    accountMatchOutput(account, {
      crm: crmName(bundle),
      paymentId: id,
      matchedBy: result.matchedBy,
      confidence: result.confidence,
      explanation: result.explanation,
      candidates,
    }),
  ];
}) satisfies SearchPerform<InferInputData<typeof inputFields>, AccountMatchOutput>;

export default defineSearch({
  key: 'match_payment',
  noun: 'CRM Account',
  display: {
    label: 'Find CRM Account for Payment',
    description:
      'Finds the CRM account a Mollie payment belongs to (by customer ID in the metadata, invoice number, Mollie customer or e-mail) and says how it matched. Finds nothing when the match is not certain.',
  },
  operation: {
    inputFields,
    perform,
    sample: ACCOUNT_MATCH_SAMPLE,
    outputFields: ACCOUNT_MATCH_OUTPUT_FIELDS,
  },
});
