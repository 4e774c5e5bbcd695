import type { Bundle, ZObject } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { accountForPayment } from '../recording/accountForPayment';
import { ACCOUNT_OUTPUT_FIELDS, ACCOUNT_SAMPLE, accountOutput } from '../outputs/account';
import { crmName, molliePaymentId } from '../operations/inputs';
import { mollieClient } from '../mollie/client';
import { haltUncertain } from './common/uncertain';

/**
 * The account a Mollie payment belongs to, decided by the matching engine.
 * [] when no account is found; a halt naming the accounts when several could
 * be it (./common/uncertain.ts): a wrong match books money on the wrong customer.
 */
export const perform = async (z: ZObject, bundle: Bundle) => {
  const id = molliePaymentId(bundle.inputData.payment_id, 'Mollie payment ID');
  const mollie = mollieClient(z, bundle);
  const payment = await mollie.payments.get(id);
  if (!payment) throw new z.errors.Error(`Mollie payment ID: Mollie has no payment ${id} (with this connection's key and mode).`, 'NotFound', 404);
  const { result, account, candidates } = await accountForPayment(mollie, crmAdapter(z, bundle), payment);
  if (!account || !result.matchedBy) {
    if (result.reason === 'none_found' || candidates.length === 0) return [];
    return haltUncertain(z, `payment ${id}: ${result.explanation}`);
  }
  return [
    {
      ...accountOutput(account, { crm: crmName(bundle), matched_by: result.matchedBy, ambiguous: false, match_count: 1 }),
      payment_id: id,
      confidence: result.confidence,
      explanation: result.explanation,
      candidates_considered: candidates.map((candidate) => candidate.name).join(', '),
    },
  ];
};

export default {
  key: 'match_payment',
  noun: 'CRM Account',
  display: {
    label: 'Find CRM Account for Payment',
    description:
      'Finds the CRM account a Mollie payment belongs to (by customer ID in the metadata, invoice number, Mollie customer or e-mail) and says how it matched. Finds nothing when the match is not certain.',
  },
  operation: {
    inputFields: [
      {
        key: 'payment_id',
        label: 'Mollie payment ID',
        type: 'string' as const,
        required: true,
        helpText: 'The payment to match, e.g. tr_WDqYK6vllg (map the ID from a Mollie trigger). The step reads the payment and its Mollie customer itself.',
      },
    ],
    perform,
    sample: {
      ...ACCOUNT_SAMPLE,
      matched_by: 'metadata_id',
      payment_id: 'tr_WDqYK6vllg',
      confidence: 1,
      explanation: 'Matched Bakkerij de Vries by metadata.customerId "CUST-1042".',
      candidates_considered: 'Bakkerij de Vries',
    },
    outputFields: [
      ...ACCOUNT_OUTPUT_FIELDS.map((field) =>
        field.key === 'matched_by' ? { ...field, label: 'Matched by (metadata_id, invoice_number, mollie_customer, email)' } : field,
      ),
      { key: 'payment_id', label: 'Mollie payment ID' },
      { key: 'confidence', label: 'Confidence (0.7 to 1)', type: 'number' as const },
      { key: 'explanation', label: 'How it matched' },
      { key: 'candidates_considered', label: 'Accounts considered' },
    ],
  },
};
