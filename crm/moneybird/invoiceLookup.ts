/**
 * Finding Moneybird sales invoices by number the way the matching engine reads
 * numbers: canonically (THE rule, matching's `canonicalInvoiceNumber`), so "2026/0621"
 * and "INV-2026-0621" are invoice 2026-0621. Moneybird looks numbers up only
 * as written (find_by_invoice_id) and has no list filter on the number, so
 * the canonical look-up reads invoices: for one number, the open invoices
 * (one page of 100 in most administrations); for a payout, every invoice of
 * its window and every open one through the synchronization API (the ids in
 * one request, then 100 invoices a request). Two invoices that are one number
 * canonically are both returned: the caller leaves that to a person.
 */
import { DateTime } from 'luxon';
import { canonicalInvoiceNumber } from '../../matching/invoiceNumbers';
import { mapLimited } from '../../http/mapLimited';
import { hasDotSegment } from '../../http/refuse';
import type { caller } from '../http';
import type { InvoiceNumbers } from './booksMemory';
import type { MoneybirdInvoice } from './wire';

type Call = ReturnType<typeof caller>;

/** The states of an invoice still waiting for money. */
const OPEN_STATES = 'open|late|reminded|pending_payment';
const PER_REQUEST = 100;
/** Pages of open invoices read at most for one number (10,000 open invoices). */
const MAX_OPEN_PAGES = 100;

/** The number as the matching engine compares it; a number without digits as written (trimmed, any case). */
export const invoiceKey = (number: string): string =>
  canonicalInvoiceNumber(number) ?? number.trim().toUpperCase();

/** Moneybird's invoice dates from two years back to next year: what "every invoice" means here. */
const widePeriod = (today = DateTime.utc()) => `${today.year - 2}0101..${today.year + 1}1231`;

const chunks = <T>(values: T[]): T[][] =>
  Array.from({ length: Math.ceil(values.length / PER_REQUEST) }, (_, index) =>
    values.slice(index * PER_REQUEST, index * PER_REQUEST + PER_REQUEST),
  );

/** Invoices by canonical number: every invoice each number names (none, one, or several that are one number canonically). */
export class InvoiceIndex {
  private readonly byKey = new Map<string, MoneybirdInvoice[]>();

  add(invoices: Iterable<MoneybirdInvoice>): void {
    for (const invoice of invoices) {
      if (!invoice.invoice_id) continue;
      const key = invoiceKey(invoice.invoice_id);
      const known = this.byKey.get(key) ?? [];
      if (!known.some((other) => String(other.id) === String(invoice.id)))
        this.byKey.set(key, [...known, invoice]);
    }
  }

  named(number: string): MoneybirdInvoice[] {
    return this.byKey.get(invoiceKey(number)) ?? [];
  }
}

export const invoiceFinder = (call: Call) => {
  const exactly = async (number: string): Promise<MoneybirdInvoice | null> => {
    // A number a URL would normalise away ("..") names no invoice: never sent.
    if (hasDotSegment(number)) return null;
    const { status, data } = await call<MoneybirdInvoice>(
      'GET',
      `/sales_invoices/find_by_invoice_id/${encodeURIComponent(number.trim())}`,
      { pass: [404], one: 'sales invoice' },
    );
    return status === 404 ? null : data;
  };
  const versionsWhere = async (filter: string): Promise<Array<{ id: string; version: number | string }>> =>
    (
      await call<{ id: string | number; version: number | string }[]>(
        'GET',
        '/sales_invoices/synchronization',
        { params: { filter } },
      )
    ).data.map((entry) => ({ id: String(entry.id), version: entry.version }));
  const idsWhere = async (filter: string): Promise<string[]> =>
    (await versionsWhere(filter)).map((entry) => entry.id);
  const readIds = async (ids: string[]): Promise<MoneybirdInvoice[]> =>
    (
      await mapLimited(
        chunks([...new Set(ids)]),
        2,
        async (chunk) =>
          (
            await call<MoneybirdInvoice[]>('POST', '/sales_invoices/synchronization', {
              body: { ids: chunk },
            })
          ).data,
      )
    ).flat();
  const openInvoices = async (): Promise<MoneybirdInvoice[]> => {
    const invoices: MoneybirdInvoice[] = [];
    for (let page = 1; page <= MAX_OPEN_PAGES; page++) {
      const { data } = await call<MoneybirdInvoice[]>('GET', '/sales_invoices', {
        params: {
          filter: `state:${OPEN_STATES},period:${widePeriod()}`,
          per_page: String(PER_REQUEST),
          page: String(page),
        },
      });
      invoices.push(...data);
      if (data.length < PER_REQUEST) break;
    }
    return invoices;
  };

  return {
    /**
     * Every invoice one number names (Create CRM Payment Record, Find): the one so numbered and the open ones
     * that are the same number canonically; when there are none, every invoice of the last two years is read.
     */
    named: async (number: string): Promise<MoneybirdInvoice[]> => {
      const index = new InvoiceIndex();
      const [hit, open] = await Promise.all([exactly(number), openInvoices()]);
      index.add([...(hit ? [hit] : []), ...open]);
      if (index.named(number).length === 0)
        index.add(await readIds(await idsWhere(`state:all,period:${widePeriod()}`)));
      return index.named(number);
    },

    /** For matching, per number: the invoice so numbered, else the one open invoice that is that number canonically; null for none (or two). */
    eachNamed: async (numbers: string[]): Promise<Array<MoneybirdInvoice | null>> => {
      const hits = await mapLimited(numbers, 3, exactly);
      if (hits.every(Boolean)) return hits;
      const index = new InvoiceIndex();
      index.add(await openInvoices());
      return hits.map(
        (hit, i) => hit ?? (index.named(numbers[i]).length === 1 ? index.named(numbers[i])[0] : null),
      );
    },

    /**
     * The invoices of a payout's lines: every invoice dated in the window (from a year before the earliest
     * line to a month after the payout) and every open one, read 100 a request; a number still not found
     * is looked up as written (an older invoice). `known` (invoice id → number and version, from an earlier
     * run) spares reading invoices that name none of the numbers; it is brought up to date.
     */
    forNumbers: async (
      numbers: string[],
      window: { from: string; to: string },
      known: InvoiceNumbers = {},
    ): Promise<InvoiceIndex> => {
      const index = new InvoiceIndex();
      if (numbers.length === 0) return index;
      const from = DateTime.fromISO(window.from, { zone: 'utc' })
        .minus({ years: 1 })
        .startOf('month')
        .toFormat('yyyyMMdd');
      const to = DateTime.fromISO(window.to, { zone: 'utc' })
        .plus({ months: 1 })
        .endOf('month')
        .toFormat('yyyyMMdd');
      const [dated, open] = await Promise.all([
        versionsWhere(`state:all,period:${from}..${to}`),
        versionsWhere(`state:${OPEN_STATES},period:${widePeriod()}`),
      ]);
      const wanted = new Set(numbers.map(invoiceKey));
      const stale = ({ id, version }: { id: string; version: number | string }) =>
        known[id]?.[1] !== version || wanted.has(invoiceKey(known[id][0]));
      const read = await readIds([...dated, ...open].filter(stale).map((entry) => entry.id));
      index.add(read);
      const versions = new Map([...dated, ...open].map((entry) => [entry.id, entry.version]));
      for (const invoice of read)
        known[String(invoice.id)] = [invoice.invoice_id ?? '', versions.get(String(invoice.id)) ?? 0];
      const missing = [...new Set(numbers.map((number) => number.trim()))].filter(
        (number) => index.named(number).length === 0,
      );
      index.add(
        (await mapLimited(missing, 3, exactly)).filter((invoice): invoice is MoneybirdInvoice => !!invoice),
      );
      return index;
    },
  };
};
