/**
 * Settlement Paid Out and Record Settlement in the Books: API-key connections
 * get the clear "needs an access token" message before any request, bad input
 * is refused naming the field, and vendor failures (401, 404, 422, 429, 5xx)
 * from Mollie and from Moneybird become the right Zapier error in the vendor's words.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createAppTester } from 'zapier-platform-core';
import App from '../index';
import { FAKE, MOLLIE, MONEYBIRD, failure, hubspotAuth, moneybirdAuth } from './helpers/connection';
import { appMethod } from './helpers/app';

const recordSettlement = appMethod('creates.record_settlement.operation.perform');
const settlementPaidOut = appMethod('triggers.settlement_paid_out.operation.perform');

const appTester = createAppTester(App);
type Fn = (z: ZObject, bundle: Bundle) => unknown;
const run = (fn: Fn, authData: object, inputData: object = {}) => appTester(fn as never, { authData, inputData, meta: {} } as never);
const token = (auth: object) => ({ ...auth, mollieCredential: FAKE.mollieAccessToken, mollieMode: 'live' });
const SETTLEMENT = {
  resource: 'settlement',
  id: 'stl_jDk30akdN',
  reference: '1234567.2611.03',
  status: 'paidout',
  amount: { currency: 'EUR', value: '0.00' },
  balanceId: 'bal_3kUf4yU2nT',
  settledAt: '2026-11-20T09:41:44+00:00',
  periods: {},
  _links: { self: { href: `${MOLLIE}/v2/settlements/stl_jDk30akdN`, type: 'application/hal+json' } },
};
const empty = (key: string) => ({ count: 0, _embedded: { [key]: [] }, _links: { next: null } });
function mollieAnswers(): void {
  nock(MOLLIE).persist().get('/v2/settlements/stl_jDk30akdN').reply(200, SETTLEMENT);
  for (const kind of ['payments', 'captures', 'refunds', 'chargebacks']) nock(MOLLIE).persist().get(`/v2/settlements/stl_jDk30akdN/${kind}`).query(true).reply(200, empty(kind));
  nock(MOLLIE).persist().get('/v2/balances/bal_3kUf4yU2nT/transactions').query(true).reply(200, empty('balance_transactions'));
}
const nothing = (): void => undefined;
const moneybirdInput = { settlement_id: 'stl_jDk30akdN', financial_account_id: '496081520000000002' };

afterEach(() => nock.cleanAll());

describe('API-key connections get the clear message, before any request', () => {
  it.each([
    ['Settlement Paid Out', settlementPaidOut, {}],
    ['Record Settlement in the Books', recordSettlement, moneybirdInput],
  ] as const)('%s', async (_name, fn, inputData) => {
    const scope = nock(MOLLIE).get(/.*/).reply(200, {});
    const error = await failure(run(fn as Fn, moneybirdAuth(), inputData));
    expect(error.message).toMatch(/organization access token \(access_…\) with the settlements\.read permission/);
    expect(error.code).toBe('AccessTokenRequired');
    expect(scope.isDone()).toBe(false);
  });
});

describe('Record Settlement in the Books refuses bad input naming the field, before any request', () => {
  it.each([
    [{}, /^Settlement is empty/],
    [{ settlement_id: 'tr_WDqYK6vllg' }, /^Settlement "tr_WDqYK6vllg" is not a Mollie settlement ID/],
    [{ settlement_id: 'stl_jDk30akdN' }, /^Financial account is empty/],
    [{ settlement_id: 'stl_jDk30akdN', financial_account_id: '12/../../x' }, /^Financial account "12\/..\/..\/x" is not a record ID/],
    [{ ...moneybirdInput, fee_ledger_account_id: 'a b' }, /^Ledger account for Mollie fees "a b" is not a record ID/],
  ])('%j', async (inputData, message) => {
    const scope = nock(MOLLIE).get(/.*/).reply(200, {});
    const error = await failure(run(recordSettlement as Fn, token(moneybirdAuth()), inputData));
    expect(error.message).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });

  it('a settlement Mollie has not paid out yet is refused, one Mollie does not know is not found', async () => {
    nock(MOLLIE).get('/v2/settlements/stl_open1234').reply(200, { ...SETTLEMENT, id: 'stl_open1234', status: 'open' });
    expect((await failure(run(recordSettlement as Fn, token(hubspotAuth()), { settlement_id: 'stl_open1234' }))).message).toMatch(/is open, not paid out yet/);
    nock(MOLLIE).get('/v2/settlements/stl_gone1234').reply(404, { status: 404, title: 'Not Found', detail: 'No settlement exists with token stl_gone1234.' });
    const gone = await failure(run(recordSettlement as Fn, token(hubspotAuth()), { settlement_id: 'stl_gone1234' }));
    expect({ code: gone.code, message: gone.message }).toEqual({ code: 'NotFound', message: 'Settlement: Mollie has no settlement stl_gone1234 for this access token.' });
  });
});

const STATUSES = [
  [401, 'ExpiredAuthError'],
  [404, 'AppError'],
  [422, 'AppError'],
  [429, 'ThrottledError'],
  [500, 'ThrottledError'],
  [503, 'ThrottledError'],
] as const;

const FAILING: Array<[string, string, Fn, object, object, () => void]> = [
  ['Mollie', 'Settlement Paid Out', settlementPaidOut as Fn, moneybirdAuth(), {}, nothing],
  ['Mollie', 'Record Settlement in the Books', recordSettlement as Fn, moneybirdAuth(), moneybirdInput, nothing],
  ['Moneybird', 'Record Settlement in the Books', recordSettlement as Fn, moneybirdAuth(), moneybirdInput, mollieAnswers],
];
describe.each(FAILING)('when %s fails, %s', (vendor, _operation, fn, auth, inputData, others) => {
  it.each(STATUSES)('%i → %s in the vendor’s words', async (status, name) => {
    others();
    const host = vendor === 'Mollie' ? MOLLIE : MONEYBIRD;
    const body = vendor === 'Mollie' ? { status, title: 'Error', detail: 'Mollie says no' } : { error: 'Moneybird says no', symbolic: {} };
    const headers: Record<string, string> = status === 429 ? { 'Retry-After': '7' } : {};
    // The settlement itself answers 404 as "not found" on purpose; every other call fails as given.
    nock(host).persist().get(/.*/).reply(status, body, headers).post(/.*/).reply(status, body, headers).patch(/.*/).reply(status, body, headers);
    const error = await failure(run(fn, token(auth), inputData));
    const expectedName = status === 404 && vendor === 'Mollie' && fn === (recordSettlement as Fn) ? 'AppError' : name;
    expect(error.name).toBe(expectedName);
    expect(error.message).toContain(status === 404 && vendor === 'Mollie' && fn === (recordSettlement as Fn) ? 'Mollie has no settlement' : `${vendor} says no`);
    if (status === 429) expect(error.delay).toBe(7);
  });
});
