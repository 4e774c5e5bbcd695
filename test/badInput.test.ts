/**
 * Bad input, every operation: each malformed value is refused with a message that starts with the
 * field's label as the user sees it (in the Zap editor or the connection form), and nothing is sent.
 *
 * The app runs against the sandbox (all four fake APIs on loopback) with a valid connection, so any
 * request an operation sent would land in a server's requestLog; nock reports any other host.
 * The last block runs each operation once with good input, to show those requests are seen.
 */
import nock from 'nock';
import { createAppTester, type Bundle } from 'zapier-platform-core';
import App from '../index';
import { SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, startSandbox, type Sandbox } from '../sandbox';
import { failure } from './helpers/connection';
import { fixtures } from './helpers/crmFixtures';
// Core's Lambda guard (exit past 450 MB RSS after 250 runs) measures the whole Jest process and every file it ran before: not this file's doing.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

type Input = Record<string, unknown>;
/** operation, inputData, the field label the message must start with, and optionally what else it must say. */
type Row = [op: string, inputData: Input, label: string, pattern?: RegExp];
/** operation, connection fields changed from a valid connection (of a CRM), the field label, pattern. */
type CredentialRow = [op: string, authData: Input, label: string, pattern?: RegExp];

const PAST = '2020-01-31T12:00:00+00:00';
const long = (n: number, char = 'x') => char.repeat(n);
const link = (fields: Input) => ({ invoice_number: 'INV-2024-0012', amount: '121.00', ...fields });

// ---------------------------------------------------------------------------------------------
// The table. `op` is an operation key; `<key>.subscribe` / `<key>.list` are an instant trigger's
// performSubscribe / performList; `auth.test` is the connection test.
// ---------------------------------------------------------------------------------------------
const INPUT_ROWS: Row[] = [
  // Create Payment Link for Invoice
  ['create_payment_link', link({ amount: '12,50' }), 'Amount', /uses a comma/],
  ['create_payment_link', link({ amount: '-1' }), 'Amount', /more than zero/],
  ['create_payment_link', link({ amount: -5 }), 'Amount', /more than zero/],
  ['create_payment_link', link({ amount: '0' }), 'Amount', /more than zero/],
  ['create_payment_link', link({ amount: '1e3' }), 'Amount', /is not an amount/],
  ['create_payment_link', link({ amount: '0.001' }), 'Amount', /more decimals than EUR/],
  ['create_payment_link', link({ amount: '12.5', currency: 'JPY' }), 'Amount', /more decimals than JPY/],
  ['create_payment_link', link({ amount: 'abc' }), 'Amount', /is not an amount/],
  ['create_payment_link', link({ amount: '' }), 'Amount', /is empty/],
  ['create_payment_link', link({ amount: '1000000000' }), 'Amount', /larger than any payment/],
  ['create_payment_link', link({ amount: '99999999999999999999999999.00' }), 'Amount', /larger than any payment/],
  ['create_payment_link', link({ amount: '12.50.1' }), 'Amount', /is not an amount/],
  ['create_payment_link', link({ amount: '€12.50' }), 'Amount', /is not an amount/],
  ['create_payment_link', link({ amount: 'Infinity' }), 'Amount', /is not an amount/],
  ['create_payment_link', link({ amount: '12.50\nEVIL' }), 'Amount', /is not an amount/],
  ['create_payment_link', link({ currency: 'XYZ' }), 'Currency', /not a currency Mollie accepts/],
  ['create_payment_link', link({ currency: 'EURO' }), 'Currency', /not a currency Mollie accepts/],
  ['create_payment_link', link({ currency: '<script>' }), 'Currency', /not a currency Mollie accepts/],
  ['create_payment_link', link({ invoice_number: '' }), 'Invoice number', /is empty/],
  ['create_payment_link', link({ invoice_number: 'INV 2024 12' }), 'Invoice number', /contains a space/],
  ['create_payment_link', link({ invoice_number: 'INVOICE' }), 'Invoice number', /no digits/],
  ['create_payment_link', link({ invoice_number: 'INV<12>' }), 'Invoice number', /may only contain/],
  ['create_payment_link', link({ invoice_number: '<script>alert(1)</script>' }), 'Invoice number', /may only contain/],
  ['create_payment_link', link({ invoice_number: 'INV-1\nEVIL' }), 'Invoice number'],
  ['create_payment_link', link({ invoice_number: `INV-${long(40, '1')}` }), 'Invoice number', /at most 40/],
  ['create_payment_link', link({ description: long(240) }), 'Description', /at most 231/],
  ['create_payment_link', link({ description: '<script>alert(1)</script>' }), 'Description', /HTML/],
  ['create_payment_link', link({ crm_account_id: '42\nEVIL' }), 'CRM account ID'],
  ['create_payment_link', link({ crm_account_id: '../../v2/payments' }), 'CRM account ID'],
  ['create_payment_link', link({ crm_account_id: '<img src=x onerror=alert(1)>' }), 'CRM account ID'],
  ['create_payment_link', link({ expires_at: PAST }), 'Expires at', /in the past/],
  ['create_payment_link', link({ expires_at: 'next tuesday' }), 'Expires at', /is not a date/],
  ['create_payment_link', link({ redirect_url: 'example.com/thanks' }), 'Redirect URL', /is not a web address/],
  ['create_payment_link', link({ redirect_url: 'javascript:alert(1)' }), 'Redirect URL', /is not a web address/],
  ['create_payment_link', link({ redirect_url: 'https://shop.example.com/\nSet-Cookie: a=b' }), 'Redirect URL'],
  ['create_payment_link', link({ redirect_url: 'https://shop.example.com/"><script>alert(1)</script>' }), 'Redirect URL'],
  ['create_payment_link', link({ allowed_methods: ['iDEAL!'] }), 'Allowed payment methods', /not a Mollie method id/],
  ['create_payment_link', link({ allowed_methods: 'ideal,<script>' }), 'Allowed payment methods', /not a Mollie method id/],
  ['create_payment_link', link({ allowed_methods: ['ideal\nEVIL'] }), 'Allowed payment methods', /not a Mollie method id/],

  // Record Settlement in the Books
  ['record_settlement', {}, 'Settlement', /is empty/],
  ['record_settlement', { settlement_id: 'tr_WDqYK6vllg' }, 'Settlement', /not a Mollie settlement ID/],
  ['record_settlement', { settlement_id: 'stl_jDk30akdN\nEVIL' }, 'Settlement', /not a Mollie settlement ID/],
  ['record_settlement', { settlement_id: '../v2/payments' }, 'Settlement', /not a Mollie settlement ID/],
  ['record_settlement', { settlement_id: 'stl_jDk30akdN', financial_account_id: '../../contacts' }, 'Financial account'],
  ['record_settlement', { settlement_id: 'stl_jDk30akdN', fee_ledger_account_id: '<script>' }, 'Ledger account for Mollie fees'],

  // Find Payment Link by Invoice
  ['find_payment_link', { invoice_number: '' }, 'Invoice number', /is empty/],
  ['find_payment_link', { invoice_number: 'INV-1\r\nEVIL' }, 'Invoice number'],
  ['find_payment_link', { invoice_number: '<script>' }, 'Invoice number', /may only contain/],
  ['find_payment', { payment_id: 'ord_123' }, 'Payment ID', /not a Mollie payment ID/],
  ['find_payment', { payment_id: 'tr_x\nEVIL' }, 'Payment ID', /line break/],
  ['find_payment', { customer_email: 'nobody' }, 'Customer e-mail', /not an e-mail address/],
  ['find_payment', { invoice_number: '<script>' }, 'Invoice number', /contains HTML/],

  // Find CRM Account
  ['find_crm_account', {}, 'E-mail', /or Customer ID is needed/],
  ['find_crm_account', { email: 'jan@' }, 'E-mail', /is not an e-mail address/],
  ['find_crm_account', { email: 'jan at example.nl' }, 'E-mail', /is not an e-mail address/],
  ['find_crm_account', { email: 'jan@example.nl\nBcc: evil@example.com' }, 'E-mail', /line break/],
  ['find_crm_account', { email: '<script>alert(1)</script>@example.nl' }, 'E-mail', /contains HTML/],
  ['find_crm_account', { email: '"jan"@example.nl' }, 'E-mail', /is not an e-mail address/],
  ['find_crm_account', { email: `${long(250, 'a')}@example.nl` }, 'E-mail', /longer than 254/],
  ['find_crm_account', { customer_id: long(101) }, 'Customer ID', /longer than 100/],
  ['find_crm_account', { customer_id: 'CUST-1\nEVIL' }, 'Customer ID', /line break/],
  ['find_crm_account', { customer_id: '<script>alert(1)</script>' }, 'Customer ID', /HTML/],

  // Find CRM Payment Record
  ['find_crm_payment_record', { payment_id: '' }, 'Mollie payment ID', /is empty/],
  ['find_crm_payment_record', { payment_id: 're_4qqhO89gsT' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['find_crm_payment_record', { payment_id: 'tr_x\nEVIL' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['find_crm_payment_record', { payment_id: 'tr_<script>' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['find_crm_payment_record', { payment_id: `tr_${long(70, 'a')}` }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['find_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: long(101) }, 'Invoice number', /longer than 100/],
  ['find_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', account_id: '../../deals' }, 'Account ID'],
  ['find_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', account_id: '123\nEVIL' }, 'Account ID'],

  // Find CRM Account for Payment
  ['match_payment', { payment_id: 'tr_x' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['match_payment', { payment_id: 'pl_4Y0eZitmBnQ6IDoMqZQKh' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['match_payment', { payment_id: 'tr_abcd1234\r\nX-Evil: 1' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['match_payment', { payment_id: '   ' }, 'Mollie payment ID', /is empty/],

  // Create CRM Account
  ['create_crm_account', { name: '' }, 'Name', /is empty/],
  ['create_crm_account', { name: long(201) }, 'Name', /longer than 200/],
  ['create_crm_account', { name: '<script>alert(1)</script>' }, 'Name', /HTML/],
  ['create_crm_account', { name: 'Acme\nEVIL' }, 'Name', /line break/],
  ['create_crm_account', { name: 'Acme', email: 'finance@@acme.nl' }, 'E-mail', /is not an e-mail address/],
  ['create_crm_account', { name: 'Acme', email: 'finance@acme' }, 'E-mail', /is not an e-mail address/],
  ['create_crm_account', { name: 'Acme', customer_id: long(101) }, 'Customer ID', /longer than 100/],

  // Create or Update CRM Payment Record
  ['create_crm_payment_record', { payment_id: '' }, 'Mollie payment ID', /is empty/],
  ['create_crm_payment_record', { payment_id: 'chb_n9z0tp' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', account_id: long(65, '1') }, 'Account ID', /longer than 64/],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', account_id: '12/../../contacts' }, 'Account ID'],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: '2026-01\nEVIL' }, 'Invoice number', /line break/],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', pipeline_id: 'default' }, 'Stage', /is empty/],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', stage_id: 'closedwon' }, 'Pipeline', /is empty/],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', pipeline_id: '<script>', stage_id: 'closedwon' }, 'Pipeline'],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', pipeline_id: 'default', stage_id: 'won\nEVIL' }, 'Stage'],

  // Link Payment to CRM Account
  ['link_payment_to_crm_account', { payment_id: '', account_id: '1' }, 'Mollie payment ID', /is empty/],
  ['link_payment_to_crm_account', { payment_id: 're_4qqhO89gsT', account_id: '1' }, 'Mollie payment ID', /not a Mollie payment ID/],
  ['link_payment_to_crm_account', { payment_id: 'tr_WDqYK6vllg' }, 'Account', /is empty/],
  ['link_payment_to_crm_account', { payment_id: 'tr_WDqYK6vllg:unmatched', account_id: '12/../../contacts' }, 'Account'],
  ['link_payment_to_crm_account', { payment_id: 'tr_WDqYK6vllg', account_id: '1', invoice_number: '2026 01' }, 'Invoice number', /contains a space/],

  // Polling triggers and their hidden dropdowns
  ['payment_paid', { profile_id: 'shop-1' }, 'Website profile', /not a Mollie profile ID/],
  ['payment_paid', { profile_id: 'tr_WDqYK6vllg' }, 'Website profile', /not a Mollie profile ID/],
  ['payment_paid', { method: 'iDEAL!' }, 'Payment method', /not a Mollie method id/],
  ['payment_paid', { method: '<script>' }, 'Payment method', /not a Mollie method id/],
  ['payment_failed', { method: 'ideal\nEVIL' }, 'Payment method', /not a Mollie method id/],
  ['payment_failed', { profile_id: 'pfl_QkEhN94Ba\nEVIL' }, 'Website profile', /not a Mollie profile ID/],
  ['payment_refunded', { profile_id: 'pfl_' }, 'Website profile', /not a Mollie profile ID/],
  ['chargeback_received', { profile_id: '<script>' }, 'Website profile', /not a Mollie profile ID/],
  ['payment_link_paid', { profile_id: 'pfl_x' }, 'Website profile', /not a Mollie profile ID/],
  ['unmatched_payment', { profile_id: 'profile 1' }, 'Website profile', /not a Mollie profile ID/],
  ['payment_methods', { profile_id: 'acme' }, 'Website profile', /not a Mollie profile ID/],
  ['crm_stages', { pipeline_id: '../../objects/contacts' }, 'Pipeline'],
  ['crm_stages', { pipeline_id: 'default\nEVIL' }, 'Pipeline'],

  // Instant triggers: subscribing and listing samples
  ['payment_paid_instant.subscribe', { method: 'iDEAL!' }, 'Payment method', /not a Mollie method id/],
  ['payment_failed_instant.subscribe', { profile_id: 'tr_WDqYK6vllg' }, 'Website profile', /not a Mollie profile ID/],
  ['payment_refunded_instant.subscribe', { profile_id: 'pfl_<b>x</b>' }, 'Website profile', /not a Mollie profile ID/],
  ['payment_paid_instant.list', { profile_id: 'x' }, 'Website profile', /not a Mollie profile ID/],
];

// Issue 10 §4, one line means one line: each row passed the checks before (and was sent).
const FUTURE_YEAR = new Date().getUTCFullYear() + 1;
const HARDENING_ROWS: Row[] = [
  ['create_crm_account', { name: 'Acme\u2028EVIL' }, 'Name', /line break/],
  ['create_crm_account', { name: 'Acme\u2029EVIL' }, 'Name', /line break/],
  ['create_crm_account', { name: 'Acme\u0085EVIL' }, 'Name', /line break/],
  ['create_crm_account', { name: 'Acme\u009bEVIL' }, 'Name', /line break/],
  ['create_crm_account', { name: '<svg/onload=alert(1)>' }, 'Name', /HTML/],
  ['create_crm_account', { name: '<img/src=x onerror=alert(1)>' }, 'Name', /HTML/],
  ['create_crm_account', { name: 'Acme <img src=x onerror=alert(1)//' }, 'Name', /HTML/],
  ['create_crm_account', { name: 'Acme<!-- x -->' }, 'Name', /HTML/],
  ['create_crm_account', { name: 'javascript:alert(1)' }, 'Name', /HTML/],
  ['create_crm_account', { name: 'NaN' }, 'Name', /broken mapping/],
  ['create_crm_account', { name: NaN }, 'Name', /broken mapping/],
  ['create_crm_account', { name: 'undefined' }, 'Name', /broken mapping/],
  ['create_crm_account', { name: 'null' }, 'Name', /broken mapping/],
  ['create_crm_account', { name: '[object Object]' }, 'Name', /broken mapping/],
  ['create_crm_account', { name: 'Acme', customer_id: 'Infinity' }, 'Customer ID', /broken mapping/],
  ['find_crm_account', { customer_id: '-Infinity' }, 'Customer ID', /broken mapping/],
  ['find_crm_account', { customer_id: 'CUST-1\u2028X' }, 'Customer ID', /line break/],
  ['find_crm_account', { customer_id: '<svg/onload=alert(1)>' }, 'Customer ID', /HTML/],
  ['find_crm_account', { email: 'jan@example.nl\u2028Bcc: evil@example.com' }, 'E-mail', /line break/],
  ['find_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: 'INV-1\u2029X' }, 'Invoice number', /line break/],
  ['find_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: 'NaN' }, 'Invoice number', /broken mapping/],
  ['find_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', account_id: 'Infinity' }, 'Account ID'],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: 'undefined' }, 'Invoice number', /broken mapping/],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: '<svg/onload=1>' }, 'Invoice number', /HTML/],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', account_id: 'NaN' }, 'Account ID'],
  ['link_payment_to_crm_account', { payment_id: 'tr_WDqYK6vllg', account_id: 'NaN' }, 'Account'],
  ['crm_stages', { pipeline_id: 'undefined' }, 'Pipeline'],
  ['create_payment_link', link({ description: '<svg/onload=alert(1)>' }), 'Description', /HTML/],
  ['create_payment_link', link({ description: 'javascript:alert(1)' }), 'Description', /HTML/],
  ['create_payment_link', link({ description: 'Order\u0000 12' }), 'Description', /control character/],
  ['create_payment_link', link({ description: 'Order\u0085 12' }), 'Description', /control character/],
  ['create_payment_link', link({ expires_at: `${FUTURE_YEAR}-02-30T10:00:00Z` }), 'Expires at', /not a day or time a calendar has/],
  ['create_payment_link', link({ expires_at: `${FUTURE_YEAR}-04-31T10:00:00Z` }), 'Expires at', /not a day or time a calendar has/],
  ['create_payment_link', link({ expires_at: `${FUTURE_YEAR}-04-30T24:00:00Z` }), 'Expires at', /not a day or time a calendar has/],
  ['create_payment_link', link({ expires_at: '+275760-09-13T00:00:00Z' }), 'Expires at', /is not a date/],
  ['create_payment_link', link({ expires_at: '2999-01-01T00:00:00Z' }), 'Expires at', /use a year from 1970 to 2199/],
  ['create_payment_link', link({ expires_at: `April 30, ${FUTURE_YEAR}` }), 'Expires at', /is not a date/],
  ['create_payment_link', link({ expires_at: `${FUTURE_YEAR}-4-3` }), 'Expires at', /is not a date/],
  ['create_payment_link', link({ redirect_url: `https://shop.example.com/${long(2100, 'a')}` }), 'Redirect URL', /at most 2048/],
  ['create_payment_link', link({ redirect_url: 'https://user:secret@shop.example.com/x' }), 'Redirect URL', /is not a web address/],
  ['create_payment_link', link({ redirect_url: 'http:/shop.example.com/x' }), 'Redirect URL', /is not a web address/],
  ['create_payment_link', link({ redirect_url: "https://shop.example.com/'x'" }), 'Redirect URL', /is not a web address/],
];

const CREDENTIAL_ROWS: CredentialRow[] = [
  ['auth.test', { mollieCredential: '' }, 'Mollie API key or access token', /is empty/],
  ['auth.test', { mollieCredential: 'test_abc' }, 'Mollie API key or access token', /too short/],
  ['auth.test', { mollieCredential: 'sk_live_abcdefghijklmnopqrstuv' }, 'Mollie API key or access token', /must start with test_ or live_/],
  ['auth.test', { mollieCredential: `${SANDBOX_API_KEY}\nEVIL` }, 'Mollie API key or access token', /space or line break/],
  ['auth.test', { mollieCredential: ` ${SANDBOX_API_KEY}x` }, 'Mollie API key or access token', /space or line break/],
  ['auth.test', { mollieCredential: '<script>alert(1)</script>' }, 'Mollie API key or access token', /must start with/],
  ['auth.test', { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'tset' }, 'Mode for an access token', /test or live/],
  ['auth.test', { crm: 'salesforce' }, 'CRM', /must be one of HubSpot, Moneybird, Pipedrive/],
  ['auth.test', { crm: '' }, 'CRM', /must be one of/],
  ['auth.test', { crmToken: '' }, 'CRM token', /is empty/],
  ['auth.test', { crmToken: 'pat-eu1 abc' }, 'CRM token', /space or line break/],
  ['auth.test', { crmToken: SANDBOX_API_KEY }, 'CRM token', /looks like a Mollie credential/],
  ['auth.test', { crmToken: 'tok\r\nX-Evil: 1' }, 'CRM token', /space or line break/],
  ['auth.test', { crm: 'moneybird', moneybirdAdministrationId: '' }, 'Moneybird administration ID', /is empty/],
  ['auth.test', { crm: 'moneybird', moneybirdAdministrationId: 'acme' }, 'Moneybird administration ID', /must be the number/],
  ['auth.test', { crm: 'moneybird', moneybirdAdministrationId: '123/../456' }, 'Moneybird administration ID', /must be the number/],
  ['auth.test', { crm: 'pipedrive', pipedriveCompanyDomain: '' }, 'Pipedrive company domain', /is empty/],
  ['auth.test', { crm: 'pipedrive', pipedriveCompanyDomain: 'acme.pipedrive.com.evil.com' }, 'Pipedrive company domain', /must be the first part/],
  ['auth.test', { crm: 'pipedrive', pipedriveCompanyDomain: 'evil.com/acme' }, 'Pipedrive company domain', /must be the first part/],
  ['auth.test', { crmAccountObject: 'deals' }, 'HubSpot accounts are', /companies or contacts/],
  ['auth.test', { crmCustomerIdField: 'customer_id\nEVIL' }, 'Customer ID field', /line break/],
  ['auth.test', { crmCustomerIdField: '<script>alert(1)</script>' }, 'Customer ID field', /HTML/],
  ['auth.test', { crmCustomerIdField: '<svg/onload=alert(1)>' }, 'Customer ID field', /HTML/],
  ['auth.test', { crmCustomerIdField: 'customer_id\u2028x' }, 'Customer ID field', /line break/],
  ['auth.test', { crmIbanField: 'iban\nEVIL' }, 'IBAN field', /line break/],
  ['auth.test', { crmIbanField: '<img src=x>' }, 'IBAN field', /HTML/],
  ['auth.test', { crmToken: 'pat-eu1-0000\u200b0000' }, 'CRM token', /invisible or non-ASCII/],
  ['auth.test', { crmToken: 'pat-eu1-00000000\u2060' }, 'CRM token', /invisible or non-ASCII/],
  ['auth.test', { crmToken: 'pat-eu1-0000\u00000000' }, 'CRM token', /invisible or non-ASCII/],
  // A malformed connection stops every operation, not only the connection test.
  ['create_crm_account', { crmToken: '' }, 'CRM token', /is empty/],
  ['payment_paid', { mollieCredential: 'live_short' }, 'Mollie API key or access token', /too short/],
  ['create_payment_link', { mollieCredential: '' }, 'Mollie API key or access token', /is empty/],
  ['find_crm_account', { crm: 'pipedrive', pipedriveCompanyDomain: 'https://acme.example.com' }, 'Pipedrive company domain', /must be the first part/],
];

// ---------------------------------------------------------------------------------------------
// How a row runs
// ---------------------------------------------------------------------------------------------
interface Field {
  key: string;
  label?: string;
}
interface Operation {
  operation: { inputFields?: Field[] };
}
const app = App as unknown as {
  authentication: { fields: Field[] };
  triggers: Record<string, Operation>;
  searches: Record<string, Operation>;
  creates: Record<string, Operation>;
};

/** Hidden dropdown triggers read the inputs of the step that shows the dropdown. */
const LABELS_FROM: Record<string, string> = { payment_methods: 'payment_paid', crm_stages: 'create_crm_payment_record' };

const kindOf = (key: string): 'triggers' | 'searches' | 'creates' => {
  for (const kind of ['creates', 'searches', 'triggers'] as const) if (app[kind][key]) return kind;
  throw new Error(`No operation ${key}`);
};

type Perform = (z: unknown, bundle: Bundle) => unknown;
/** The App function a row's op runs. */
const methodOf = (op: string): Perform => {
  if (op === 'auth.test') return (App.authentication as { test: Perform }).test;
  const [key, variant] = op.split('.');
  const method = variant === 'subscribe' ? 'performSubscribe' : variant === 'list' ? 'performList' : 'perform';
  return (app[kindOf(key)][key].operation as unknown as Record<string, Perform>)[method];
};

/** The labels the user sees for the fields a row's op reads. */
const labelsOf = (op: string): string[] => {
  if (op === 'auth.test') return app.authentication.fields.map((field) => field.label ?? field.key);
  const key = op.split('.')[0];
  const source = LABELS_FROM[key] ?? key;
  // Fields given by a function depend on the connection's CRM: the labels of every CRM count.
  return (app[kindOf(source)][source].operation.inputFields ?? [])
    .flatMap((field) => (typeof field === 'function' ? ['hubspot', 'moneybird', 'pipedrive'].flatMap((crm) => (field as unknown as (z: unknown, bundle: unknown) => Field[])({}, { authData: { crm } })) : [field]))
    .map((field) => field.label ?? field.key);
};

const isInstant = (op: string) => op.split('.')[0].endsWith('_instant');

let sb: Sandbox;
let connections: ReturnType<typeof fixtures>;
const appTester = createAppTester(App);
const noMatch: string[] = [];
const onNoMatch = (request: { method?: string; host?: string; path?: string }) => noMatch.push(`${request.method} ${request.host}${request.path}`);

/** A valid connection for the op: HubSpot with an API key, or an access token for instant triggers. */
const connection = (op: string, crm: 'hubspot' | 'moneybird' | 'pipedrive' = 'hubspot'): Input => ({
  ...connections[crm].authData,
  ...(isInstant(op) ? { mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'test' } : {}),
});

const run = (op: string, inputData: Input, authData: Input) =>
  appTester(methodOf(op) as never, { authData, inputData, targetUrl: 'https://hooks.zapier.com/hooks/standard/1/abc', meta: {} } as unknown as Bundle);

const requestsSent = () => Object.values(sb.servers).reduce((sum, server) => sum + server.requestLog.length, 0) + noMatch.length;

const expectRefused = async (op: string, inputData: Input, authData: Input, label: string, pattern: RegExp | undefined, labels: string[]) => {
  expect(labels).toContain(label);
  const before = requestsSent();
  const error = await failure(run(op, inputData, authData));
  expect(requestsSent()).toBe(before);
  // On a mismatch this shows the whole message.
  expect(error.message?.startsWith(`${label} `) ? label : error.message).toBe(label);
  if (pattern) expect(error.message).toMatch(pattern);
};

beforeAll(async () => {
  sb = await startSandbox({ seed: 6 });
  Object.assign(process.env, sb.env());
  connections = fixtures(sb);
  nock.emitter.on('no match', onNoMatch);
});
afterAll(async () => {
  nock.emitter.removeListener('no match', onNoMatch);
  await sb.close();
});

// Rows as objects: jest passes `done` to a test whose row is shorter than the longest one.
const rows = <T extends unknown[]>(table: T[]) => table.map(([op, data, label, pattern]) => ({ op: op as string, data: data as Input, label: label as string, pattern: pattern as RegExp | undefined, shown: JSON.stringify(data) }));

describe('bad input is refused, naming the field, before any request', () => {
  it.each(rows(INPUT_ROWS))('$op $shown → "$label …"', async ({ op, data, label, pattern }) => {
    await expectRefused(op, data, connection(op), label, pattern, labelsOf(op));
  });
});

describe('one line means one line, dates are days, addresses are addresses (issue 10 §4)', () => {
  it.each(rows(HARDENING_ROWS))('$op $shown → "$label …"', async ({ op, data, label, pattern }) => {
    await expectRefused(op, data, connection(op), label, pattern, labelsOf(op));
  });
});

describe('a malformed connection is refused, naming the field, before any request', () => {
  it.each(rows(CREDENTIAL_ROWS))('$op with $shown → "$label …"', async ({ op, data, label, pattern }) => {
    const crm = (['moneybird', 'pipedrive'] as const).find((name) => data.crm === name) ?? 'hubspot';
    await expectRefused(op, op === 'auth.test' ? {} : VALID_INPUT[op], { ...connection(op, crm), ...data }, label, pattern, labelsOf('auth.test'));
  });
});

// ---------------------------------------------------------------------------------------------
// The table covers the app, and the harness would have seen a request
// ---------------------------------------------------------------------------------------------
/** Good input per operation: each sends at least one request (whatever the sandbox answers). */
const VALID_INPUT: Record<string, Input> = {
  create_payment_link: link({}),
  find_payment_link: { invoice_number: 'INV-2024-0012' },
  find_crm_account: { email: 'finance@acme.nl' },
  find_crm_payment_record: { payment_id: 'tr_WDqYK6vllg' },
  match_payment: { payment_id: 'tr_WDqYK6vllg' },
  create_crm_account: { name: 'Acme B.V.' },
  create_crm_payment_record: { payment_id: 'tr_WDqYK6vllg' },
  link_payment_to_crm_account: { payment_id: 'tr_WDqYK6vllg', account_id: '1' },
  payment_paid: {},
  payment_failed: {},
  payment_refunded: {},
  chargeback_received: {},
  payment_link_paid: {},
  unmatched_payment: {},
  payment_methods: {},
  crm_stages: {},
  'payment_paid_instant.subscribe': {},
  'payment_failed_instant.subscribe': {},
  'payment_refunded_instant.subscribe': {},
  'payment_paid_instant.list': {},
  'auth.test': {},
};

describe('the table', () => {
  const ops = new Set([...INPUT_ROWS, ...CREDENTIAL_ROWS].map(([op]) => op.split('.')[0]));

  it('has at least 60 rows', () => {
    expect(INPUT_ROWS.length + CREDENTIAL_ROWS.length).toBeGreaterThanOrEqual(60);
  });

  it('covers every search, every create, every trigger with inputs, the hidden dropdowns that read inputs, and the connection', () => {
    const withInputs = (kind: 'triggers' | 'searches' | 'creates') =>
      Object.entries(app[kind]).filter(([, op]) => kind !== 'triggers' || (op.operation.inputFields ?? []).length > 0).map(([key]) => key);
    const expected = [...withInputs('searches'), ...withInputs('creates'), ...withInputs('triggers'), ...Object.keys(LABELS_FROM), 'auth'];
    expect([...ops].sort()).toEqual(expect.arrayContaining(expected.sort()));
  });

  it('refuses every connection field that is checked', () => {
    const labels = new Set(CREDENTIAL_ROWS.map(([, , label]) => label));
    expect([...labels].sort()).toEqual(app.authentication.fields.map((field) => field.label).sort());
  });

  it.each(Object.entries(VALID_INPUT))('%s with good input does send a request the harness sees', async (op, inputData) => {
    const before = requestsSent();
    await run(op, inputData, connection(op)).catch(() => undefined);
    expect(requestsSent()).toBeGreaterThan(before);
  });
});
