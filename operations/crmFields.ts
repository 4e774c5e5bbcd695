/**
 * Input fields that depend on the connection's CRM (Zapier calls these
 * functions with the bundle while the Zap is being built):
 * Moneybird books a payment on an invoice (the one mapped, else the one the
 * payment names) and has no pipeline or stage; HubSpot and Pipedrive make deals, so
 * they get Pipeline and Stage and an optional invoice number.
 * Before a CRM is chosen (no connection yet) every field shows.
 */
import type { Bundle } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { parseInvoiceNumber } from '../paymentLinks/paymentLinks';

const crmOf = (bundle: Pick<Bundle, 'authData'>): string | undefined => {
  const crm = (bundle.authData as Record<string, unknown> | undefined)?.crm;
  return typeof crm === 'string' ? crm : undefined;
};

const MONEYBIRD_INVOICE = defineInputField({
  key: 'invoice_number',
  label: 'Invoice number',
  type: 'string',
  required: false,
  helpText:
    'The Moneybird invoice the payment is booked on, as numbered in Moneybird (e.g. `2026-0042`). Leave empty to take the one the payment ' +
    'itself names (in its description or metadata); the step stops and says so when it names none or several.',
});

const DEAL_INVOICE = defineInputField({
  key: 'invoice_number',
  label: 'Invoice number',
  type: 'string',
  helpText:
    'The invoice paid, stored on the deal. When empty, the invoice the payment itself names (in its description or metadata), if it names exactly one.',
});

const PIPELINE = defineInputField({
  key: 'pipeline_id',
  label: 'Pipeline',
  type: 'string',
  dynamic: 'crm_pipelines.id.label',
  altersDynamicFields: true,
  helpText: 'The deal pipeline for new records (the CRM’s default pipeline when empty).',
});

const STAGE = defineInputField({
  key: 'stage_id',
  label: 'Stage',
  type: 'string',
  dynamic: 'crm_stages.id.label',
  helpText: 'The stage in the chosen pipeline. Needed when a pipeline is chosen.',
});

const ANY_CRM_INVOICE = defineInputField({
  ...MONEYBIRD_INVOICE,
  required: false,
  helpText: `Moneybird: the invoice the payment is booked on (when empty, the one the payment names). HubSpot and Pipedrive: ${DEAL_INVOICE.helpText}`,
});

type RecordFields =
  | [typeof MONEYBIRD_INVOICE]
  | [typeof DEAL_INVOICE, typeof PIPELINE, typeof STAGE]
  | [typeof ANY_CRM_INVOICE, typeof PIPELINE, typeof STAGE];

/** Create or Update CRM Payment Record: the invoice, pipeline and stage fields for this connection's CRM. */
export const paymentRecordFields = (_z: unknown, bundle: Bundle): RecordFields => {
  const crm = crmOf(bundle);
  if (crm === 'moneybird') return [MONEYBIRD_INVOICE];
  if (crm === 'hubspot' || crm === 'pipedrive') return [DEAL_INVOICE, PIPELINE, STAGE];
  return [ANY_CRM_INVOICE, PIPELINE, STAGE];
};

const FIND_INVOICE = defineInputField({
  key: 'invoice_number',
  label: 'Invoice number',
  type: 'string',
  helpText: 'Moneybird: the invoice the payment was booked on (Moneybird keeps payments on invoices).',
});
const FIND_ACCOUNT = defineInputField({
  key: 'account_id',
  label: 'Account ID',
  type: 'string',
  helpText: 'Moneybird without an invoice number: the contact whose invoices to look through.',
});

/** Find CRM Payment Record: only Moneybird looks a payment up by invoice or contact. */
export const findRecordFields = (
  _z: unknown,
  bundle: Bundle,
): [] | [typeof FIND_INVOICE, typeof FIND_ACCOUNT] =>
  crmOf(bundle) === 'hubspot' || crmOf(bundle) === 'pipedrive' ? [] : [FIND_INVOICE, FIND_ACCOUNT];

/** Moneybird: a mapped invoice number, checked before any request (empty: undefined, the payment's reading decides); undefined for the other CRMs. */
export const moneybirdInvoiceNumber = (
  bundle: Pick<Bundle, 'authData' | 'inputData'>,
): string | undefined => {
  if (crmOf(bundle) !== 'moneybird') return undefined;
  const raw = (bundle.inputData as Record<string, unknown>).invoice_number;
  return raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())
    ? undefined
    : parseInvoiceNumber(raw, 'Invoice number');
};

/** Moneybird has no pipelines: a Pipeline or Stage left over from another CRM's connection is not used. */
export const usesPipelines = (bundle: Pick<Bundle, 'authData'>): boolean => crmOf(bundle) !== 'moneybird';
