import type { ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { withRecordLock } from '../store/lock';
import { scopedKey } from '../store/connectionCache';

const ACCOUNTS = { mollie: 'key.test.a', crm: 'moneybird.1.b' };
import { dealOutcome, netReceived, paymentRecordInput, recordStatus } from '../crm/recordStatus';
import type { MolliePayment } from '../mollie/types';

const eur = (value: string) => ({ currency: 'EUR', value });

describe('record status from the Mollie payment', () => {
  const paid = { status: 'paid', amount: eur('100.00'), amountRefunded: eur('0.00'), amountChargedBack: undefined } as const;
  it.each([
    [paid, 'paid'],
    [{ ...paid, amountRefunded: eur('30.00') }, 'partially refunded'],
    [{ ...paid, amountRefunded: eur('100.00') }, 'refunded'],
    [{ ...paid, amountChargedBack: eur('100.00') }, 'charged back'],
    [{ ...paid, status: 'failed' }, 'failed'],
    [{ ...paid, status: 'pending' }, 'open'],
  ])('%j is %s', (payment, status) => {
    expect(recordStatus(payment as never)).toBe(status);
  });

  it.each([
    ['open', 'open'],
    ['pending', 'open'],
    ['authorized', 'open'],
    ['paid', 'won'],
    ['failed', 'lost'],
    ['canceled', 'lost'],
    ['expired', 'lost'],
  ])('a Mollie payment that is %s is a deal that is %s (never won before the money arrived)', (status, outcome) => {
    expect(dealOutcome(recordStatus({ ...paid, status } as never))).toBe(outcome);
  });

  it('net received subtracts refunds and chargebacks in minor units', () => {
    const input = paymentRecordInput({ id: 'tr_x', ...paid, amountRefunded: eur('0.10'), amountChargedBack: eur('0.20'), description: '' } as unknown as MolliePayment);
    expect(netReceived(input)).toEqual(eur('99.70'));
    expect(netReceived({ ...input, status: 'failed' })).toEqual(eur('0.00'));
  });
});

describe('withRecordLock', () => {
  const zWith = (cache: Map<string, unknown>) =>
    ({
      errors,
      cache: {
        set: async (key: string, value: unknown, _ttl?: number, _scope?: string[], nx?: boolean) => {
          if (nx && cache.has(key)) return false;
          cache.set(key, value);
          return true;
        },
        delete: async (key: string) => cache.delete(key),
      },
    }) as unknown as ZObject;

  it('serializes two runs on the same payment and frees the lock', async () => {
    const cache = new Map<string, unknown>();
    const z = zWith(cache);
    const order: string[] = [];
    const work = (name: string) => async () => {
      order.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`${name}:end`);
    };
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / 25));
    await Promise.all([withRecordLock(z, ACCOUNTS, 'tr_1', work('a'), { sleep }), withRecordLock(z, ACCOUNTS, 'tr_1', work('b'), { sleep })]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(cache.size).toBe(0);
  });

  it('asks Zapier to retry when another run holds the lock too long', async () => {
    const cache = new Map<string, unknown>([[scopedKey(ACCOUNTS, 'connection', 'crm-record-lock:tr_2'), 1]]);
    await expect(withRecordLock(zWith(cache), ACCOUNTS, 'tr_2', async () => 'never', { waitMs: 500, sleep: async () => undefined })).rejects.toThrow(/Another run is recording Mollie payment tr_2/);
  });

  it('runs unguarded where z.cache is unavailable', async () => {
    const z = { errors, cache: { set: async () => { throw new Error('rpc is not available'); }, delete: async () => true } } as unknown as ZObject;
    expect(await withRecordLock(z, ACCOUNTS, 'tr_3', async () => 'done')).toBe('done');
  });
});
