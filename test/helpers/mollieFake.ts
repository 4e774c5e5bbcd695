import nock from 'nock';
import { MOLLIE } from './connection';

type Obj = Record<string, unknown> & { id: string; createdAt: string };

/**
 * A nock-served Mollie list endpoint over an array the test mutates: newest
 * first, `limit` and `from` as Mollie pages them. Records every query.
 */
export const fakeList = (path: string, key: string, items: () => Obj[]) => {
  const queries: Array<Record<string, string>> = [];
  const scope = nock(MOLLIE)
    .persist()
    .get(path)
    .query(true)
    .reply(200, (uri) => {
      // nock 15 hands over the path, or (for fetch-based requests) the Request itself.
      const url = new URL(typeof uri === 'string' ? uri : (uri as unknown as { url: string }).url, MOLLIE);
      const query = Object.fromEntries(url.searchParams);
      queries.push(query);
      const sorted = [...items()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      const limit = Number(query.limit ?? 50);
      const start = query.from ? sorted.findIndex((item) => item.id === query.from) : 0;
      const slice = sorted.slice(start, start + limit);
      const next = sorted[start + limit];
      return {
        count: slice.length,
        _embedded: { [key]: slice },
        _links: { next: next ? { href: `${MOLLIE}${path}?from=${next.id}&limit=${limit}`, type: 'application/hal+json' } : null },
      };
    });
  return { scope, queries };
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
export const NOW = Date.parse('2026-11-20T12:00:00Z');
export const HOUR = 3_600_000;

export const payment = (n: number, createdAt: number, status = 'paid', extra: Record<string, unknown> = {}): Obj => ({
  resource: 'payment',
  id: `tr_p${String(n).padStart(5, '0')}`,
  mode: 'test',
  createdAt: iso(createdAt),
  status,
  amount: { value: '10.00', currency: 'EUR' },
  description: `Invoice INV-${n}`,
  method: 'ideal',
  metadata: { invoiceNumber: `INV-${n}` },
  profileId: 'pfl_test1234',
  ...(status === 'paid' ? { paidAt: iso(createdAt + 60_000), amountRefunded: { value: '0.00', currency: 'EUR' }, amountRemaining: { value: '10.00', currency: 'EUR' } } : {}),
  ...(status === 'failed' ? { failedAt: iso(createdAt + 60_000) } : {}),
  _links: { dashboard: { href: `https://my.mollie.com/dashboard/org_1/payments/tr_p${n}`, type: 'text/html' } },
  ...extra,
});

/** `count` payments, one every `spacing` ms back from `newest`; all paid unless `status` says otherwise. */
export const payments = (count: number, newest = NOW, spacing = HOUR, status: (n: number) => string = () => 'paid') =>
  Array.from({ length: count }, (_, n) => payment(n, newest - n * spacing, status(n)));

export const setPaid = (item: Obj, at: number) => {
  item.status = 'paid';
  item.paidAt = iso(at);
  item.amountRefunded = { value: '0.00', currency: 'EUR' };
  item.amountRemaining = item.amount;
};

/** Zapier's dedupe for one Zap: the first poll only fills the seen-set; later ones fire unseen ids. */
export const zap = () => {
  const seen = new Set<string>();
  return {
    populate: (items: Array<{ id: string }>) => items.forEach((item) => seen.add(item.id)),
    fire: (items: Array<{ id: string }>) => items.filter((item) => !seen.has(item.id) && (seen.add(item.id), true)).map((item) => item.id),
  };
};

export { iso };
