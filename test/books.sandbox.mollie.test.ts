/**
 * Issue 18, item 7, Mollie's side: the sandbox pays out refunds and
 * chargebacks in a later settlement than their payment, captures (one line
 * per capture), payouts of costs only; seedPayouts builds such histories.
 * Every exchange is checked against Mollie's spec by test/helpers/setup.ts,
 * the key answers explicitly below; Settlement Paid Out reads them all.
 */
import { DAY, SANDBOX_ACCESS_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { capturesOf } from '../sandbox/mollie/captures';
import { seedPayouts } from '../sandbox/mollie/payouts';
import { settlementsOf } from '../sandbox/mollie/settlements';
import { toMinor } from '../money/money';
import { forgetCache, livePayment, paidOutItems } from './helpers/books';
import { call, spec, type Body } from './helpers/sandboxCalls';

let sb: Sandbox;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: 18 });
  Object.assign(process.env, sb.env());
  sb.moneybird.rateWindow.limits = false;
});
afterEach(() => sb.close());

const mollieGet = (url: string, token = SANDBOX_ACCESS_TOKEN) => call(sb.urls.mollie, url, token);
const embeddedPayment = (item: Record<string, unknown>) => (item._embedded as Record<string, Record<string, unknown>>).payment.id;
const ids = (list: Body, key: string) => (list._embedded?.[key] ?? []).map((item) => item.id);

describe('Mollie: what a payout holds', () => {
  it('a refund or chargeback made after a payout is paid out in the next one, against a payment paid out before', async () => {
    const book = settlementsOf(sb.mollie);
    const payment = livePayment(sb, '100.00', '2026-0001');
    const first = book.payOut();
    const refund = sb.mollie.createRefund(payment.id, { amount: '30.00' });
    const chargeback = sb.mollie.createChargeback(livePayment(sb, '20.00', '2026-0002').id);
    const second = book.payOut();

    expect(ids((await mollieGet(`/v2/settlements/${first.id}/payments`)).body, 'payments')).toEqual([payment.id]);
    expect(ids((await mollieGet(`/v2/settlements/${first.id}/refunds`)).body, 'refunds')).toEqual([]);
    const refunds = await mollieGet(`/v2/settlements/${second.id}/refunds?embed=payment`);
    expect(spec('mollie', 'GET', '/v2/settlements/{settlementId}/refunds', 200, refunds.body)).toEqual([]);
    const [settled] = refunds.body._embedded!.refunds;
    expect({ id: settled.id, settlementAmount: settled.settlementAmount, payment: embeddedPayment(settled) }).toEqual({ id: refund.id, settlementAmount: { currency: 'EUR', value: '-30.00' }, payment: payment.id });
    expect(ids((await mollieGet(`/v2/settlements/${second.id}/chargebacks`)).body, 'chargebacks')).toEqual([chargeback.id]);
    expect(ids((await mollieGet(`/v2/settlements/${second.id}/payments`)).body, 'payments')).toHaveLength(1);
  });

  it('captures: an authorized payment is paid out per capture (a part now, the rest in a later payout), never as a payment', async () => {
    const book = settlementsOf(sb.mollie);
    const payment = capturesOf(sb.mollie).authorize({ amount: { currency: 'EUR', value: '100.00' }, description: 'Invoice 2026-0003', metadata: { invoiceNumber: '2026-0003' }, mode: 'live' });
    expect((await mollieGet(`/v2/payments/${payment.id}`)).body.status).toBe('authorized');
    const part = capturesOf(sb.mollie).capture(payment.id, { amount: '40.00' });
    const first = book.payOut();
    const rest = capturesOf(sb.mollie).capture(payment.id);
    const second = book.payOut();

    expect(rest.amount.minor).toBe(6000);
    expect(ids((await mollieGet(`/v2/settlements/${first.id}/payments`)).body, 'payments')).toEqual([]);
    for (const [settlement, capture, value] of [[first, part, '40.00'], [second, rest, '60.00']] as const) {
      const list = await mollieGet(`/v2/settlements/${settlement.id}/captures?embed=payment`);
      expect(spec('mollie', 'GET', '/v2/settlements/{settlementId}/captures', 200, list.body)).toEqual([]);
      const [item] = list.body._embedded!.captures;
      expect({ id: item.id, paymentId: item.paymentId, settlementAmount: item.settlementAmount, embedded: embeddedPayment(item) }).toEqual({ id: capture.id, paymentId: payment.id, settlementAmount: { currency: 'EUR', value }, embedded: payment.id });
    }
    const listed = await mollieGet(`/v2/payments/${payment.id}/captures`);
    expect(spec('mollie', 'GET', '/v2/payments/{paymentId}/captures', 200, listed.body)).toEqual([]);
    expect(listed.body._embedded!.captures.map((c) => `${c.id} ${c.settlementId}`).sort()).toEqual([`${part.id} ${first.id}`, `${rest.id} ${second.id}`].sort());
    const one = await mollieGet(`/v2/payments/${payment.id}/captures/${part.id}`);
    expect(spec('mollie', 'GET', '/v2/payments/{paymentId}/captures/{captureId}', 200, one.body)).toEqual([]);
    expect((await mollieGet(`/v2/payments/${payment.id}/captures/cpt_unknown`)).status).toBe(404);
    expect(() => capturesOf(sb.mollie).capture(payment.id, { amount: '0.01' })).toThrow(/between 0 and the 0 minor units left/);
  });

  it('a payout of costs only: no payments, a negative amount, its costs in the periods', async () => {
    settlementsOf(sb.mollie).charge({ description: 'Mollie invoice settled from the balance', net: '12.5000' });
    const settlement = settlementsOf(sb.mollie).payOut();
    const { body } = await mollieGet(`/v2/settlements/${settlement.id}`);
    expect(spec('mollie', 'GET', '/v2/settlements/{settlementId}', 200, body)).toEqual([]);
    expect(body.amount).toEqual({ currency: 'EUR', value: '-15.13' }); // 12.50 + 21 % VAT
    const periods = Object.values(body.periods as Record<string, Record<string, { revenue: unknown[]; costs: Array<Record<string, unknown>> }>>).flatMap((months) => Object.values(months));
    expect(periods.flatMap((period) => period.revenue)).toEqual([]);
    expect(periods.flatMap((period) => period.costs).map((cost) => [cost.description, cost.method, cost.amountGross])).toEqual([['Mollie invoice settled from the balance', null, { currency: 'EUR', value: '15.1250' }]]);
    for (const kind of ['payments', 'captures', 'refunds', 'chargebacks']) expect(ids((await mollieGet(`/v2/settlements/${settlement.id}/${kind}`)).body, kind)).toEqual([]);
  });

  it('seedPayouts: each payout is paid out as seeded, and what was made after the last one waits in the open settlement', () => {
    const { payouts, afterLast } = seedPayouts(sb.mollie, { payouts: 4, payments: 12, refunds: 0.4, chargebacks: 0.2, captures: 0.3, later: 0.5, costOnly: [2] });
    const book = settlementsOf(sb.mollie);
    for (const payout of payouts) {
      const settled = (kind: string) => payout.settlement.items.filter((item) => item.kind === kind).map((item) => item.id).sort();
      const captured = new Set(payout.captures.map((capture) => capture.paymentId));
      expect(settled('payment')).toEqual(payout.payments.filter((p) => !capturesOf(sb.mollie).isManual(p.id)).map((p) => p.id).sort());
      expect(settled('capture')).toEqual(payout.captures.map((c) => c.id).sort());
      expect(settled('refund')).toEqual(payout.refunds.map((r) => r.id).sort());
      expect(settled('chargeback')).toEqual(payout.chargebacks.map((c) => c.id).sort());
      expect([...captured].every((id) => capturesOf(sb.mollie).isManual(id))).toBe(true);
    }
    expect(payouts[2].settlement.items.map((item) => item.kind)).toEqual(['cost']);
    expect(book.amountMinor(payouts[2].settlement)).toBeLessThan(0);
    const paidOutBefore = (paymentId: string, index: number) => payouts.slice(0, index).some((p) => p.payments.some((payment) => payment.id === paymentId));
    const late = payouts.flatMap((payout, index) => [...payout.refunds, ...payout.chargebacks].filter((item) => paidOutBefore(item.paymentId, index)));
    expect(late.length).toBeGreaterThan(0);
    const twice = payouts.flatMap((payout) => payout.refunds).filter((refund, _i, all) => all.filter((other) => other.paymentId === refund.paymentId).length > 1);
    expect(twice.length).toBeGreaterThan(0);
    const open = book.open();
    expect(open.items.map((item) => item.id).sort()).toEqual([...afterLast.refunds, ...afterLast.chargebacks, ...afterLast.captures].map((item) => item.id).sort());
  });

  it('Settlement Paid Out reads every seeded payout with lines that add up: later refunds carry their payment’s invoice, captures their own line, costs-only payouts only costs', async () => {
    const { payouts } = seedPayouts(sb.mollie, { payouts: 4, payments: 8, refunds: 0.5, chargebacks: 0.2, captures: 0.3, later: 0.6, costOnly: [1] });
    sb.clock.advance(DAY);
    const items = await paidOutItems(sb);
    expect(items).toHaveLength(4);
    for (const payout of payouts) {
      const item = items.find((candidate) => candidate.settlement_id === payout.settlement.id || String(candidate.id).startsWith(payout.settlement.id))!;
      const lines = item.lines!;
      expect(item.lines_add_up).toBe(true);
      expect(lines.some((line) => line.type === 'difference')).toBe(false);
      const sum = lines.reduce((total, line) => total + toMinor({ currency: 'EUR', value: line.amount }), 0n);
      expect(sum).toBe(toMinor({ currency: 'EUR', value: String(item.amount) }));
      const metadataInvoice = (paymentId: string) => (sb.mollie.payments.get(paymentId)!.metadata as { invoiceNumber: string }).invoiceNumber;
      for (const refund of payout.refunds) expect(lines.find((line) => line.mollie_id === refund.id)?.invoice_number).toBe(metadataInvoice(refund.paymentId));
      for (const capture of payout.captures) expect(lines.find((line) => line.mollie_id === capture.id)).toMatchObject({ type: 'capture', payment_id: capture.paymentId, invoice_number: metadataInvoice(capture.paymentId) });
    }
    const costOnly = items.find((item) => String(item.id).startsWith(payouts[1].settlement.id))!;
    expect(costOnly.lines!.map((line) => line.type)).toEqual(['cost']);
    expect(Number(costOnly.amount)).toBeLessThan(0);
  });
});
