/**
 * Reading Mollie settlements (payouts): the settlement, every payment,
 * capture, refund and chargeback in it (all pages), and the fee Mollie
 * deducted per item where its balance transactions state it. Only
 * organization access tokens (or OAuth) with settlements.read may do this.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache } from '../store/connectionCache';
import { readCredentials } from '../http/credentials';
import { hasTimeFor } from '../http/deadline';
import { refuse, refuseUnfilledMapping, shown } from '../http/refuse';
import type { Money } from '../money/money';
import { fromMinor, toMinor } from '../money/money';
import type { MollieSettlement, SettledItem, SplitSettlement } from './settlementLines';
import { splitSettlement } from './settlementLines';
import { halClient } from './hal';

export type { MollieSettlement } from './settlementLines';

type Json = Record<string, unknown>;

export const SETTLEMENT_SCOPE_MESSAGE =
  'Settlements need an organization access token (access_…) with the settlements.read permission (and payments.read, refunds.read; ' +
  'balances.read for the fee per payment): Mollie does not show settlements to API keys. Reconnect Mollie with an access token ' +
  'made in the Mollie dashboard under Developers → Organization access tokens.';

/** Refuses an API-key connection before any request, with the message the instant triggers give too. */
export const requireSettlementAccess = (z: ZObject, bundle: Pick<Bundle, 'authData'>): void => {
  if (readCredentials(bundle.authData).mollie.kind !== 'accessToken')
    throw new z.errors.Error(SETTLEMENT_SCOPE_MESSAGE, 'AccessTokenRequired', 400);
};

/** A settlement id (stl_…) or a bank reference such as 1234567.2404.03, which Mollie accepts in the same place. */
export const settlementKey = (value: unknown, field = 'Settlement'): string => {
  refuseUnfilledMapping(value, field);
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!text)
    return refuse(field, 'is empty. Map the Settlement ID (stl_…) from the Settlement Paid Out trigger.');
  if (!/^stl_[A-Za-z0-9]{4,40}$/.test(text) && !/^\d{1,12}(?:\.\d{1,6}){1,3}$/.test(text)) {
    return refuse(
      field,
      `"${shown(text, 40)}" is not a Mollie settlement ID (stl_jDk30akdN) or bank reference (1234567.2404.03).`,
    );
  }
  return text;
};

const PAGE = 250;
/** Balance transactions read at most, looking for the fees of one settlement's items. */
const FEE_PAGES = 8;
const DAY_MS = 86_400_000;
const SPLIT_TTL_SECONDS = 3600;

export class SettlementIncomplete extends Error {}

export const settlementsClient = (z: ZObject, bundle: Pick<Bundle, 'authData'>) => {
  requireSettlementAccess(z, bundle);
  const hal = halClient(z);
  const list = (path: string, key: string, from?: string, limit = PAGE, extra: Record<string, string> = {}) =>
    hal.page<Json>(path, key, { ...extra, limit, from });

  /** Every page of a settlement list; stops with SettlementIncomplete when the run's time is nearly up. */
  const all = async (path: string, key: string, extra: Record<string, string> = {}) => {
    const items: Json[] = [];
    let from: string | undefined;
    do {
      if (!hasTimeFor(3_000))
        throw new SettlementIncomplete(`${path}: ${items.length} read before the run's time ran out`);
      const page = await list(path, key, from, PAGE, extra);
      items.push(...page.items);
      from = page.nextFrom;
    } while (from);
    return items;
  };

  const items = async (settlement: MollieSettlement): Promise<SettledItem[]> => {
    const id = encodeURIComponent(settlement.id);
    const embedded = (item: Json) =>
      ((item._embedded as Json | undefined)?.payment as SettledItem['payment']) ?? null;
    const [payments, captures, refunds, chargebacks] = await Promise.all([
      all(`settlements/${id}/payments`, 'payments'),
      all(`settlements/${id}/captures`, 'captures', { embed: 'payment' }),
      all(`settlements/${id}/refunds`, 'refunds', { embed: 'payment' }),
      all(`settlements/${id}/chargebacks`, 'chargebacks', { embed: 'payment' }),
    ]);
    const item = (kind: SettledItem['kind'], raw: Json, date: unknown): SettledItem => ({
      id: String(raw.id),
      kind,
      paymentId: String(kind === 'payment' ? raw.id : raw.paymentId),
      amount: raw.amount as SettledItem['amount'],
      settlementAmount: raw.settlementAmount as SettledItem['settlementAmount'],
      description:
        kind === 'chargeback'
          ? ((raw.reason as Json | undefined)?.description as string | undefined)
          : (raw.description as string | undefined),
      metadata: raw.metadata,
      method: raw.method as string | undefined,
      date: typeof date === 'string' ? date : undefined,
      payment: kind === 'payment' ? raw : embedded(raw),
    });
    return [
      ...payments.map((raw) => item('payment', raw, raw.paidAt ?? raw.createdAt)),
      ...captures.map((raw) => item('capture', raw, raw.createdAt)),
      ...refunds.map((raw) => item('refund', raw, raw.createdAt)),
      ...chargebacks.map((raw) => item('chargeback', raw, raw.createdAt)),
    ];
  };

  /**
   * The fee per item, from the balance's transactions (newest first), read
   * until every item's fee is found, the transactions are older than the
   * settlement's oldest item, or FEE_PAGES are read. A token without
   * balances.read gets no fees (Mollie answers 403): the lines stay right, the
   * fee column is empty.
   */
  const fees = async (settlement: MollieSettlement, settled: SettledItem[]): Promise<Map<string, Money>> => {
    const wanted = new Set(settled.map((item) => item.id));
    const found = new Map<string, Money>();
    const oldest = Math.min(...settled.map((item) => Date.parse(item.date ?? '') || Infinity)) - DAY_MS;
    let from: string | undefined;
    for (let page = 0; page < FEE_PAGES && found.size < wanted.size && hasTimeFor(5_000); page++) {
      const read = await hal.page<Json>(
        `balances/${encodeURIComponent(settlement.balanceId)}/transactions`,
        'balance_transactions',
        { limit: PAGE, from },
        [403, 404],
      );
      if (read.status !== 200) break;
      const transactions = read.items;
      for (const transaction of transactions) {
        const deductions = transaction.deductions as { currency: string; value: string } | null | undefined;
        const id = itemIdOf(transaction.context);
        if (id && wanted.has(id) && deductions)
          found.set(id, fromMinor(-toMinor(deductions), deductions.currency));
      }
      const last = transactions[transactions.length - 1];
      from = read.nextFrom;
      if (!from || !last || Date.parse(String(last.createdAt)) < oldest) break;
    }
    return found;
  };

  return {
    list: (from?: string, limit = 50) =>
      list('settlements', 'settlements', from, limit) as unknown as Promise<{
        items: MollieSettlement[];
        nextFrom?: string;
      }>,
    /** The settlement by id or bank reference; null when Mollie has none. */
    get: async (key: string): Promise<MollieSettlement | null> => {
      const { status, data } = await hal.request<MollieSettlement>(
        'GET',
        `settlements/${encodeURIComponent(key)}`,
        { pass: [404] },
      );
      return status === 404 ? null : data;
    },
    /** The settlement split into lines that add up to its amount. */
    split: async (
      settlement: MollieSettlement,
      options: { fees?: boolean } = {},
    ): Promise<SplitSettlement> => {
      const read = async () => {
        const settled = await items(settlement);
        return splitSettlement(
          settlement,
          settled,
          options.fees === false ? new Map() : await fees(settlement, settled),
        );
      };
      // A paid-out settlement never changes: a retry of the same step (after a throttled CRM) need not read it again.
      if (settlement.status !== 'paidout') return read();
      return connectionCache(z, readCredentials(bundle.authData).accounts, 'mollie').remember(
        `settlement-split:v1:${settlement.id}:${options.fees === false ? 'lines' : 'fees'}`,
        SPLIT_TTL_SECONDS,
        read,
      );
    },
  };
};

export type SettlementsClient = ReturnType<typeof settlementsClient>;

/** The payment/refund/chargeback/capture id a balance transaction is about, flat (context.refundId) or by type (context.refund.refundId). */
const itemIdOf = (context: unknown): string | undefined => {
  const values: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (typeof value === 'string') values.push(value);
    else if (value && typeof value === 'object' && depth < 2)
      Object.values(value).forEach((inner) => walk(inner, depth + 1));
  };
  walk(context, 0);
  return ['cpt_', 're_', 'chb_', 'tr_']
    .map((prefix) => values.find((value) => value.startsWith(prefix)))
    .find(Boolean);
};
