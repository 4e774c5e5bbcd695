/** The Zapier emulation itself: what it models must hold, or every test built on it proves nothing. */
import nock from 'nock';
import { hubspotAuth } from './helpers/connection';
import { fakeList, HOUR, NOW, payment, payments } from './helpers/mollieFake';
import { EDITOR_SAMPLE_RECORDS, emulateZapier, FLOOD_LIMIT, NOTHING_FOUND, VENDOR_LATENCY_MS, ZAPIER_RUN_LIMIT_MS } from './helpers/zapier';

afterEach(() => nock.cleanAll());

describe('the Zapier emulation', () => {
  const zapier = () => emulateZapier({ bundle: { authData: hubspotAuth() } });

  it('shows at most three records on Test trigger, and runs it with isLoadingSample', async () => {
    const list = fakeList('/v2/payments', 'payments', () => payments(20));
    const step = await zapier().testTrigger('payment_paid');
    expect(step.status).toBe('success');
    expect(step.shown).toHaveLength(EDITOR_SAMPLE_RECORDS);
    expect(step.shown[0].id).toBe('tr_p00000:paid');
    expect(list.queries.length).toBeGreaterThan(0);
  });

  it('seeds dedupe when the Zap is turned on; a poll fires only ids it has not seen', async () => {
    const items = payments(5);
    fakeList('/v2/payments', 'payments', () => items);
    const zap = await zapier().turnOn('payment_paid');
    expect(zap.seen.size).toBe(5);
    expect((await zap.poll()).fired).toEqual([]);
    items.unshift(payment(99, NOW + HOUR));
    expect((await zap.poll()).fired.map((item) => item.id)).toEqual(['tr_p00099:paid']);
    expect((await zap.poll()).fired).toEqual([]);
  });

  it('holds every new item of a poll that brings the flood limit or more', async () => {
    const items = payments(3);
    fakeList('/v2/payments', 'payments', () => items);
    const zap = await zapier().turnOn('payment_paid');
    items.unshift(...Array.from({ length: FLOOD_LIMIT }, (_, n) => payment(1000 + n, NOW + HOUR + n * 1000)));
    const poll = await zap.poll();
    expect(poll.fired).toEqual([]);
    expect(poll.held).toHaveLength(FLOOD_LIMIT);
    items.unshift(payment(5000, NOW + 2 * HOUR));
    const next = await zap.poll();
    expect(next.fired.map((item) => item.id)).toEqual(['tr_p05000:paid']);
    expect(next.held).toEqual([]);
  });

  it('counts every request and its virtual latency, without waiting', async () => {
    const list = fakeList('/v2/payments', 'payments', () => payments(3));
    const step = await zapier().invoke('triggers.payment_paid.operation.perform', emulateZapier().bundleFor({ authData: hubspotAuth() }));
    expect(step.requests).toBeGreaterThan(0);
    expect(step.requests).toBe(list.queries.length);
    expect(step.elapsedMs).toBe(step.requests * VENDOR_LATENCY_MS);
  });

  it('runs invocations one at a time, each with its own count and budget', async () => {
    fakeList('/v2/payments', 'payments', () => payments(3));
    const zap = zapier();
    const [a, b] = await Promise.all([zap.testTrigger('payment_paid'), zap.testTrigger('payment_paid')]);
    expect(a.requests).toBeGreaterThan(0);
    expect([b.requests, b.elapsedMs]).toEqual([a.requests, a.elapsedMs]);
  });

  it('stops a run whose requests would take longer than 30 s, with status timeout', async () => {
    fakeList('/v2/payments', 'payments', () => payments(3));
    const slow = emulateZapier({ bundle: { authData: hubspotAuth() }, latencyMs: ZAPIER_RUN_LIMIT_MS + 1 });
    const step = await slow.testTrigger('payment_paid');
    expect(step.status).toBe('timeout');
    expect(step.elapsedMs).toBeLessThanOrEqual(ZAPIER_RUN_LIMIT_MS);
  });

  it('hands a search step only the first result, and halts it with Zapier’s words when there is none', async () => {
    const zap = zapier();
    const step = await zap.search('find_crm_account', { inputData: { email: 'not an e-mail' } });
    expect(step.status).toBe('errored');
    expect(step.message).toMatch(/^E-mail/);
    expect(step.requests).toBe(0);
    expect(NOTHING_FOUND).toMatch(/Nothing/);
  });
});
