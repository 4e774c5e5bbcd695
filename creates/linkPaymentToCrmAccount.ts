import type { Bundle, CreatePerform, InferInputData } from 'zapier-platform-core';
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { crmIdInput } from '../crm/ids';
import { molliePaymentId, refuseInput } from '../operations/inputs';
import { LINKED_PAYMENT_OUTPUT_FIELDS, LINKED_PAYMENT_SAMPLE } from '../outputs/linkedPayment';
import { parseInvoiceNumber } from '../paymentLinks/paymentLinks';
import { mollieClient } from '../mollie/client';
import { stepPayment } from '../operations/stepPayment';
import { linkPayment } from '../teaching/link';

const INVOICE_HELP =
  'The Moneybird invoice the payment is booked on, as numbered in Moneybird (e.g. `2026-0042`). Leave empty to take the one the payment ' +
  'itself names (in its description or metadata); the step stops and says so when it names none or several.';

/** Only Moneybird books a payment on an invoice; before a CRM is chosen the field shows with a note. */
const invoiceField = (_z: unknown, bundle: Bundle) => {
  const crm = (bundle.authData as Record<string, unknown> | undefined)?.crm;
  if (crm === 'hubspot' || crm === 'pipedrive') return [];
  const helpText = crm === 'moneybird' ? INVOICE_HELP : `Moneybird only: ${INVOICE_HELP}`;
  return [
    { key: 'invoice_number', label: 'Invoice number', type: 'string' as const, required: false, helpText },
  ];
};

const inputFields = defineInputFields([
  {
    key: 'payment_id',
    label: 'Mollie payment ID',
    type: 'string',
    required: true,
    helpText:
      'The payment a person reviewed, e.g. `tr_WDqYK6vllg`: map the Payment ID (or the ID, `tr_…:unmatched`) of the Unmatched Payment trigger.',
  },
  {
    key: 'account_id',
    label: 'Account',
    type: 'string',
    required: true,
    dynamic: 'crm_accounts.id.name',
    search: 'find_crm_account.id',
    helpText:
      'The CRM account the payment belongs to, as the person chose it: pick it from the list, or map an account ID (e.g. one of the ' +
      'Accounts considered of Unmatched Payment, or an approval step’s answer). The payment is recorded on it, and the app learns the payer: ' +
      'the CRM customer ID goes into the payer’s Mollie customer, the payer’s IBAN and e-mail onto the account where it has room, never ' +
      'replacing what is there. The payer’s next payment then matches by itself.',
  },
  invoiceField,
]);

type Input = InferInputData<typeof inputFields>;

export const perform = (async (z, bundle) => {
  // Every check happens before the first request.
  const paymentId = molliePaymentId(bundle.inputData.payment_id, 'Mollie payment ID');
  const accountId =
    crmIdInput(bundle, 'account', bundle.inputData.account_id, 'Account') ??
    refuseInput('Account', 'is empty. Choose the account the payment belongs to, or map its ID.');
  const raw = (bundle.inputData as Record<string, unknown>).invoice_number;
  const invoiceNumber =
    raw === undefined || raw === null || raw === '' ? undefined : parseInvoiceNumber(raw, 'Invoice number');
  const mollie = mollieClient(z, bundle);
  return linkPayment(z, bundle, mollie, {
    payment: await stepPayment(z, mollie, paymentId),
    accountId,
    invoiceNumber,
  });
}) satisfies CreatePerform<Input>;

export default defineCreate({
  key: 'link_payment_to_crm_account',
  noun: 'Linked Payment',
  display: {
    label: 'Link Payment to CRM Account',
    description:
      'Creates the CRM record of a payment a person reviewed, on the account they chose, and teaches the app the payer (CRM customer ID on the Mollie customer, IBAN and e-mail on the account), so the payer’s next payment matches by itself.',
  },
  operation: {
    inputFields,
    perform,
    sample: LINKED_PAYMENT_SAMPLE,
    outputFields: LINKED_PAYMENT_OUTPUT_FIELDS,
  },
});
