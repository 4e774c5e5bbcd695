import { paymentLinkOutputFields, paymentLinkSample } from '../outputs/payments';
import type { PaymentLinkOutput } from '../paymentLinks/paymentLinks';

/** A payment link as Create Payment Link and Find Payment Link give it. */
export const PAYMENT_LINK_SAMPLE: PaymentLinkOutput = {
  ...paymentLinkSample,
  status: 'open',
  paid: false,
  paid_at: null,
  crm_account_id: '18294620',
  outcome: 'created',
  replaces: null,
};

/** Shared with Find Payment Link: both return a payment link in this shape. */
export const PAYMENT_LINK_OUTPUT_FIELDS = [
  ...paymentLinkOutputFields,
  { key: 'crm_account_id', label: 'CRM account ID' },
  { key: 'outcome', label: 'Outcome (created or existing)' },
  { key: 'replaces', label: 'Replaces expired or archived link ID' },
];
