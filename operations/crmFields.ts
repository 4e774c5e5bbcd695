/**
 * Input fields that depend on the connection's CRM (Zapier calls these
 * functions with the bundle while the Zap is being built):
 * Moneybird books a payment on an invoice, so its invoice number is required
 * and there is no pipeline or stage; HubSpot and Pipedrive make deals, so
 * they get Pipeline and Stage and an optional invoice number.
 * Before a CRM is chosen (no connection yet) every field shows.
 */
import type { Bundle } from 'zapier-platform-core';
import { parseInvoiceNumber } from '../paymentLinks/paymentLinks';

type Field = { key: string; label: string; type: 'string'; required?: boolean; helpText: string; dynamic?: string; altersDynamicFields?: boolean };

const crmOf = (bundle: Pick<Bundle, 'authData'>): string | undefined => {
  const crm = (bundle.authData as Record<string, unknown> | undefined)?.crm;
  return typeof crm === 'string' ? crm : undefined;
};

const MONEYBIRD_INVOICE: Field = {
  key: 'invoice_number',
  label: 'Invoice number',
  type: 'string',
  required: true,
  helpText: 'The Moneybird invoice the payment is booked on, as numbered in Moneybird (e.g. `2026-0042`). Moneybird keeps payments on invoices, so it is needed.',
};

const DEAL_FIELDS: Field[] = [
  {
    key: 'invoice_number',
    label: 'Invoice number',
    type: 'string',
    helpText: 'The invoice paid, stored on the deal. Read from the payment’s metadata (invoiceNumber) when empty.',
  },
  {
    key: 'pipeline_id',
    label: 'Pipeline',
    type: 'string',
    dynamic: 'crm_pipelines.id.label',
    altersDynamicFields: true,
    helpText: 'The deal pipeline for new records (the CRM’s default pipeline when empty).',
  },
  { key: 'stage_id', label: 'Stage', type: 'string', dynamic: 'crm_stages.id.label', helpText: 'The stage in the chosen pipeline. Needed when a pipeline is chosen.' },
];

/** Create or Update CRM Payment Record: the invoice, pipeline and stage fields for this connection's CRM. */
export const paymentRecordFields = (_z: unknown, bundle: Bundle): Field[] => {
  const crm = crmOf(bundle);
  if (crm === 'moneybird') return [MONEYBIRD_INVOICE];
  if (crm === 'hubspot' || crm === 'pipedrive') return DEAL_FIELDS;
  return [{ ...MONEYBIRD_INVOICE, required: false, helpText: `Moneybird: required, the invoice the payment is booked on. ${DEAL_FIELDS[0].helpText}` }, ...DEAL_FIELDS.slice(1)];
};

/** Find CRM Payment Record: only Moneybird looks a payment up by invoice or contact. */
export const findRecordFields = (_z: unknown, bundle: Bundle): Field[] =>
  crmOf(bundle) === 'hubspot' || crmOf(bundle) === 'pipedrive'
    ? []
    : [
        { key: 'invoice_number', label: 'Invoice number', type: 'string', helpText: 'Moneybird: the invoice the payment was booked on (Moneybird keeps payments on invoices).' },
        { key: 'account_id', label: 'Account ID', type: 'string', helpText: 'Moneybird without an invoice number: the contact whose invoices to look through.' },
      ];

/** Moneybird: the invoice number is required and checked before any request; undefined for the other CRMs. */
export const moneybirdInvoiceNumber = (bundle: Pick<Bundle, 'authData' | 'inputData'>): string | undefined =>
  crmOf(bundle) === 'moneybird' ? parseInvoiceNumber((bundle.inputData as Record<string, unknown>).invoice_number, 'Invoice number') : undefined;

/** Moneybird has no pipelines: a Pipeline or Stage left over from another CRM's connection is not used. */
export const usesPipelines = (bundle: Pick<Bundle, 'authData'>): boolean => crmOf(bundle) !== 'moneybird';
