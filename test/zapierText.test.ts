/**
 * Text as Zapier delivers it (issue 19 §3): a mapping Zapier could not fill in (`{{123__field}}`,
 * the whole value or inside text) is refused naming the field before any request, never searched,
 * created or sent; direction controls (U+202A–U+202E, U+2066–U+2069) are refused in text a person
 * or payer sees; an id a URL would normalise away (`.`, `..`, encoded forms) is refused; text the
 * app shortens is cut between whole characters, never inside a surrogate pair or an emoji.
 *
 * Every operation runs against the sandbox with a valid connection, so any request sent would land
 * in a server's request log; nock reports any other host.
 */
import nock from 'nock';
import { createAppTester, type Bundle } from 'zapier-platform-core';
import App from '../index';
import { mollieId } from '../mollie/ids';
import { crmId } from '../crm/ids';
import { parseAmount, parseCurrency } from '../money/parse';
import { shorten } from '../http/text';
import { startSandbox, type Sandbox } from '../sandbox';
import { errorBody, failure } from './helpers/connection';
import { fixtures, recordInput, withAdapter } from './helpers/crmFixtures';

jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

type Input = Record<string, unknown>;
type Perform = (z: unknown, bundle: Bundle) => unknown;
const app = App as unknown as Record<'triggers' | 'searches' | 'creates', Record<string, { operation: Record<string, Perform> }>>;
const performOf = (key: string): Perform => {
  for (const kind of ['creates', 'searches', 'triggers'] as const) if (app[kind][key]) return app[kind][key].operation.perform;
  throw new Error(`No operation ${key}`);
};

let sb: Sandbox;
const appTester = createAppTester(App);
const noMatch: string[] = [];
const onNoMatch = (request: { method?: string; host?: string; path?: string }) => noMatch.push(`${request.method} ${request.host}${request.path}`);
const requestsSent = () => Object.values(sb.servers).reduce((sum, server) => sum + server.requestLog.length, 0) + noMatch.length;

beforeAll(async () => {
  sb = await startSandbox({ seed: 23 });
  Object.assign(process.env, sb.env());
  nock.emitter.on('no match', onNoMatch);
});
afterAll(async () => {
  nock.emitter.removeListener('no match', onNoMatch);
  await sb.close();
});

const refusedBeforeAnyRequest = async (key: string, inputData: Input, label: string, pattern: RegExp, crm: 'hubspot' | 'moneybird' | 'pipedrive' = 'hubspot') => {
  const before = requestsSent();
  const error = await failure(appTester(performOf(key) as never, { authData: fixtures(sb)[crm].authData, inputData, meta: {} } as unknown as Bundle));
  expect(requestsSent()).toBe(before);
  expect(error.message?.startsWith(`${label} `) ? label : error.message).toBe(label);
  expect(error.message).toMatch(pattern);
};

const link = (fields: Input) => ({ invoice_number: 'INV-2026-0012', amount: '12.00', ...fields });
const rows = (table: Array<[string, Input, string, ('hubspot' | 'moneybird' | 'pipedrive')?]>) =>
  table.map(([key, data, label, crm]) => ({ key, data, label, crm, shown: JSON.stringify(data) }));

/** No lone surrogate: a character cut in half. */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const UNFILLED = /mapping Zapier could not fill in/;
const UNRESOLVED: Array<[string, Input, string, ('hubspot' | 'moneybird' | 'pipedrive')?]> = [
  ['create_payment_link', link({ invoice_number: '{{123__invoice_number}}' }), 'Invoice number'],
  ['create_payment_link', link({ amount: '{{123__amount}}' }), 'Amount'],
  ['create_payment_link', link({ currency: '{{123__currency}}' }), 'Currency'],
  ['create_payment_link', link({ description: 'Order {{123__order_id}} for you' }), 'Description'],
  ['create_payment_link', link({ description: '{{263__properties__name}}' }), 'Description'],
  ['create_payment_link', link({ redirect_url: 'https://shop.example.com/thanks/{{123__id}}' }), 'Redirect URL'],
  ['create_payment_link', link({ expires_at: '{{123__due_date}}' }), 'Expires at'],
  ['create_payment_link', link({ crm_account_id: '{{123__hs_object_id}}' }), 'CRM account ID'],
  ['find_payment_link', { invoice_number: '{{1__invoice}}' }, 'Invoice number'],
  ['find_payment', { payment_id: '{{45__payment_id}}' }, 'Payment ID'],
  ['find_payment', { customer_email: '{{45__email}}' }, 'Customer e-mail'],
  ['find_crm_account', { customer_id: 'C-{{9__number}}' }, 'Customer ID'],
  ['find_crm_account', { customer_id: '{{9__number}}' }, 'Customer ID', 'moneybird'],
  ['find_crm_account', { email: '{{9__email}}' }, 'E-mail'],
  ['create_crm_account', { name: 'Acme {{2__suffix}}' }, 'Name'],
  ['create_crm_account', { name: 'Acme', customer_id: '{{2__customer}}' }, 'Customer ID', 'pipedrive'],
  ['create_crm_payment_record', { payment_id: '{{3__id}}' }, 'Mollie payment ID'],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', account_id: '{{3__account}}' }, 'Account ID'],
  ['create_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: 'INV-{{3__n}}' }, 'Invoice number'],
  ['find_crm_payment_record', { payment_id: 'tr_WDqYK6vllg', invoice_number: '{{3__n}}' }, 'Invoice number'],
  ['match_payment', { payment_id: '{{7__payment}}' }, 'Mollie payment ID'],
  ['record_settlement', { settlement_id: '{{8__settlement}}' }, 'Settlement'],
  ['payment_paid', { profile_id: '{{1__profile}}' }, 'Website profile'],
  ['payment_paid', { method: '{{1__method}}' }, 'Payment method'],
];

describe('a mapping Zapier could not fill in is refused, naming the field, before any request', () => {
  it.each(rows(UNRESOLVED))('$key $shown → "$label …"', async ({ key, data, label, crm }) => {
    await refusedBeforeAnyRequest(key, data, label, UNFILLED, crm);
  });
});

const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
describe('direction controls are refused in text a person or payer sees', () => {
  const table = BIDI.flatMap((char): Array<[string, Input, string, ('hubspot' | 'moneybird' | 'pipedrive')?]> => [
    ['create_payment_link', link({ description: `Invoice for ${char}gnp.exe` }), 'Description'],
    ['create_crm_account', { name: `Acme${char} B.V.` }, 'Name'],
    ['create_crm_account', { name: 'Acme', customer_id: `C${char}-1` }, 'Customer ID'],
    ['find_crm_account', { customer_id: `${char}C-1` }, 'Customer ID'],
  ]);
  it.each(rows(table).map((row) => ({ ...row, shown: row.shown.replace(/\\u20[26][0-9a-f]/gi, (code) => code.toUpperCase()) })))('$key $shown → "$label …"', async ({ key, data, label, crm }) => {
    await refusedBeforeAnyRequest(key, data, label, /direction/, crm);
  });
});

describe('an id a URL would normalise away is refused, naming the field, before any request', () => {
  const DOTS = ['.', '..', ' .. ', '%2e', '%2E', '%2e%2e', '%2E%2e', '.%2e', '%2e.', '%252e%252e', '%25252e'];
  it.each(DOTS.flatMap((value) => (['moneybird', 'hubspot', 'pipedrive'] as const).map((crm) => ({ value, crm }))))('Customer ID $value ($crm)', async ({ value, crm }) => {
    await refusedBeforeAnyRequest('find_crm_account', { customer_id: value }, 'Customer ID', /normalise|would drop/, crm);
  });
  it.each(DOTS)('Create CRM Account, Customer ID %j (Moneybird)', async (value) => {
    await refusedBeforeAnyRequest('create_crm_account', { name: 'Acme', customer_id: value }, 'Customer ID', /normalise|would drop/, 'moneybird');
  });

  it.each(['..', '.', '%2e%2e', 'a/../b'])('a payment whose metadata names customer ID %j never finds a made-up Moneybird account', async (customerId) => {
    const payment = sb.mollie.createPayment({ amount: { currency: 'EUR', value: '10.00' }, description: 'Order', metadata: { customerId } });
    sb.mollie.setPaymentStatus(payment.id, 'paid');
    const before = sb.servers.moneybird.requestLog.length;
    const result = (await appTester(performOf('match_payment') as never, { authData: fixtures(sb).moneybird.authData, inputData: { payment_id: payment.id }, meta: {} } as unknown as Bundle).catch(
      (error: Error) => error,
    )) as unknown;
    const paths = sb.servers.moneybird.requestLog.slice(before).map((request) => request.path);
    expect(paths.filter((path) => /\/contacts(\/customer_id\/?)?$/.test(path.split('?')[0]))).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/undefined/);
  });
});

describe('text is shortened between whole characters', () => {
  const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🇳🇱', 'é', '𝄞'];
  it.each(EMOJI.flatMap((emoji) => [5, 6, 7, 8, 9, 10, 11].map((max) => ({ emoji, max }))))('shorten("ab" + $emoji×3, $max) ends on a whole character', ({ emoji, max }) => {
    const text = `ab${emoji.repeat(3)}`;
    const short = shorten(text, max);
    expect(short.length).toBeLessThanOrEqual(max);
    expect(wellFormed(short)).toBe(true);
    expect(text.startsWith(short)).toBe(true);
    // Whole grapheme clusters only: what is kept is "ab" and some whole emoji.
    expect((short.length - 2) % emoji.length).toBe(0);
  });

  it.each(EMOJI)('a HubSpot deal name from a long description with %s keeps the payment id and whole characters', async (emoji) => {
    const paymentId = `tr_short${EMOJI.indexOf(emoji)}x`;
    const description = `${'x'.repeat(231)}${emoji.repeat(10)}`;
    await withAdapter(fixtures(sb).hubspot.authData, (adapter) => adapter.upsertPaymentRecord(recordInput(paymentId, { description })));
    const [deal] = sb.hubspot.dealsFor(paymentId);
    expect(deal.properties.dealname.length).toBeLessThanOrEqual(250);
    expect(wellFormed(deal.properties.dealname)).toBe(true);
    expect(deal.properties.dealname.endsWith(`(${paymentId})`)).toBe(true);
  });

  it.each([
    ['a payment id', () => mollieId('tr_'.concat('😀'.repeat(40)), 'payment', 'Payment ID')],
    ['a CRM id', () => crmId('hubspot', 'account', '1'.concat('😀'.repeat(40)), 'Account ID')],
    ['an amount', () => parseAmount('1'.concat('😀'.repeat(40)), 'EUR')],
    ['a currency', () => parseCurrency('😀'.repeat(40))],
  ])('a refusal that repeats %s repeats whole characters', (_case, run) => {
    let message = '';
    try {
      run();
    } catch (error) {
      message = errorBody(error).message ?? '';
    }
    expect(message).not.toBe('');
    expect(wellFormed(message)).toBe(true);
  });
});
