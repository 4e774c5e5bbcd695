/**
 * Issue 18, item 2: in HubSpot and Pipedrive, Record Settlement in the Books
 * follows the refunds and chargebacks in a payout: the deal of their payment
 * gets its refunded or charged-back amount and status (its stage as Create
 * CRM Payment Record would set it), and the settlement reference; a line that
 * cannot be placed is listed for a person; a replay changes nothing.
 * Field names: the record step's own (Mollie payment status, Mollie amount
 * refunded); the charged-back amount in a field named for it ("charged back");
 * the reference in a field whose name says "settlement".
 * Tests marked `failing` state what today's code does not do yet.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { settlementsOf, type Settlement } from '../sandbox/mollie/settlements';
import type { Payment } from '../sandbox/mollie/types';
import { book, livePayment, recordPayment, type Crm, type Out, forgetCache } from './helpers/books';

let sb: Sandbox;
let seed = 1890;
beforeEach(async () => {
  forgetCache();
  sb = await startSandbox({ seed: seed++ });
  Object.assign(process.env, sb.env());
});
afterEach(() => sb.close());

/** A deal's fields by name (lower case, words joined by _), with its stage and status where the CRM keeps them. */
const dealOf = (crm: Crm, paymentId: string): Record<string, string> => {
  const name = (text: string) => text.toLowerCase().replace(/\s+/g, '_');
  if (crm === 'hubspot') {
    const deals = sb.hubspot.all('deals').filter((deal) => deal.properties.mollie_payment_id === paymentId);
    if (deals.length !== 1) throw new Error(`expected one HubSpot deal for ${paymentId}, found ${deals.length}`);
    return Object.fromEntries(Object.entries(deals[0].properties).map(([key, value]) => [name(key), String(value ?? '')]));
  }
  const names = new Map(sb.pipedrive.dealFields.map((field) => [field.key, name(field.name)]));
  const deals = [...sb.pipedrive.deals.values()].filter((deal) => Object.entries(deal.custom_fields).some(([key, value]) => names.get(key) === 'mollie_payment_id' && value === paymentId));
  if (deals.length !== 1) throw new Error(`expected one Pipedrive deal for ${paymentId}, found ${deals.length}`);
  const [deal] = deals;
  return { ...Object.fromEntries(Object.entries(deal.custom_fields).map(([key, value]) => [names.get(key) ?? key, String(value ?? '')])), status: deal.status, stage_id: String(deal.stage_id) };
};
/** What the record step decides: status, refunded amount, and where the deal stands. */
const standing = (crm: Crm, deal: Record<string, string>) =>
  crm === 'hubspot' ? [deal.mollie_payment_status, deal.mollie_amount_refunded, deal.pipeline, deal.dealstage] : [deal.mollie_payment_status, deal.mollie_amount_refunded, deal.status, deal.stage_id];
const chargedBack = (deal: Record<string, string>) => Object.entries(deal).find(([key]) => /charged_?back/.test(key) && !/status/.test(key))?.[1];
const settlementFields = (deal: Record<string, string>) => Object.entries(deal).filter(([key]) => /settlement/.test(key)).map(([, value]) => value).join(' ');

const payOut = () => {
  sb.clock.advance(60_000);
  const settlement = settlementsOf(sb.mollie).payOut();
  sb.clock.advance(60_000);
  return settlement;
};

/**
 * Payout 0: a payment nobody booked in the CRM. Payout 1: four payments, booked. Payout 2: a partial and a full refund,
 * a chargeback of three of them, and a refund of payout 0's payment.
 */
const history = async (crm: Crm) => {
  const early = livePayment(sb, '25.00', '2026-0900');
  payOut();
  const [partly, fully, disputed, untouched] = ['100.00', '50.00', '80.00', '40.00'].map((value, i) => livePayment(sb, value, `2026-090${i + 1}`));
  const s1 = payOut();
  await book(sb, crm, s1);
  const refunds = { partly: sb.mollie.createRefund(partly.id, { amount: '30.00' }), fully: sb.mollie.createRefund(fully.id), early: sb.mollie.createRefund(early.id) };
  const chargeback = sb.mollie.createChargeback(disputed.id);
  const s2 = payOut();
  return { early, partly, fully, disputed, untouched, refunds, chargeback, s1, s2 };
};

describe.each(['hubspot', 'pipedrive'] as const)('%s deals after refunds and chargebacks in a payout', (crm) => {
  test.failing('each refunded or charged-back payment’s deal gets its amount, status and the settlement reference; the others stay as they were', async () => {
    const { partly, fully, disputed, untouched, refunds, s2 } = await history(crm);
    const before = dealOf(crm, untouched.id);
    const out = await book(sb, crm, s2);
    const deal = (payment: Payment) => dealOf(crm, payment.id);
    expect([partly, fully].map((payment) => [deal(payment).mollie_payment_status, deal(payment).mollie_amount_refunded])).toEqual([
      ['partially refunded', '30.00'],
      ['refunded', '50.00'],
    ]);
    expect({ status: deal(disputed).mollie_payment_status, chargedBack: chargedBack(deal(disputed)) }).toEqual({ status: 'charged back', chargedBack: '80.00' });
    for (const payment of [partly, fully, disputed]) expect(settlementFields(deal(payment))).toContain(s2.reference);
    expect(dealOf(crm, untouched.id)).toEqual(before);
    expect({ outcome: out.outcome, booked: out.lines_booked }).toEqual({ outcome: 'updated', booked: 3 });
    expect(String(out.needs_person)).toContain(refunds.early.id);
  });

  test.failing('the deals stand where Create CRM Payment Record puts them: running it afterwards changes nothing', async () => {
    const { partly, fully, disputed, s2 } = await history(crm);
    await book(sb, crm, s2);
    sb.clock.advance(60_000);
    for (const payment of [partly, fully, disputed]) {
      const after = standing(crm, dealOf(crm, payment.id));
      expect(after[0]).not.toBe('paid');
      await recordPayment(sb, crm, payment);
      expect(standing(crm, dealOf(crm, payment.id))).toEqual(after);
    }
  });

  test.failing('a replay books nothing and changes no deal', async () => {
    const { partly, fully, disputed, s2 } = await history(crm);
    await book(sb, crm, s2);
    sb.clock.advance(60_000);
    const before = [partly, fully, disputed].map((payment) => dealOf(crm, payment.id));
    const again = await book(sb, crm, s2);
    expect({ booked: again.lines_booked, before: again.lines_already_booked }).toEqual({ booked: 0, before: 3 });
    expect([partly, fully, disputed].map((payment) => dealOf(crm, payment.id))).toEqual(before);
  });

  it('the payout of the payments themselves: every deal has the settlement reference (as today)', async () => {
    const { partly, untouched, s1 } = await history(crm);
    for (const payment of [partly, untouched]) expect(settlementFields(dealOf(crm, payment.id))).toContain((s1 as Settlement).reference);
  });
});

describe.each(['hubspot', 'pipedrive'] as const)('%s: a refund in the payout of its own payment', (crm) => {
  test.failing('the deal is made (or updated) with the refund: partially refunded, the refunded amount', async () => {
    const payment = livePayment(sb, '60.00', '2026-0950');
    sb.mollie.createRefund(payment.id, { amount: '15.00' });
    const out: Out = await book(sb, crm, payOut());
    expect([dealOf(crm, payment.id).mollie_payment_status, dealOf(crm, payment.id).mollie_amount_refunded]).toEqual(['partially refunded', '15.00']);
    expect(out.lines_booked).toBe(2);
  });
});
