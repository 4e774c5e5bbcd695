/**
 * One Mollie payment link per invoice.
 *
 * Mollie's payment links carry no metadata, and a payment made through a link
 * carries no reference back to it; what both keep is the description. So the
 * invoice number travels in the description, always first and in one fixed
 * form: "Invoice INV-2024-0012" or "Invoice INV-2024-0012 - <your text>".
 * - Finding a link for an invoice: read the description of Mollie's payment
 *   links, newest first, and compare invoice numbers in their canonical form
 *   (matching's canonicalInvoiceNumber: "INV-2024-0012" = "inv-2024-12"). That scan is the
 *   source of truth. A connection-scoped index (paymentLinkIndex.ts) holds
 *   what earlier runs read, so a run reads only the links made since, plus
 *   older ones not reached yet while its time lasts (25 s for all requests:
 *   about 10,000 links at 250 ms a page). When a run cannot look at every
 *   link it refuses to create one and the next try goes on reading.
 * - z.cache (scope: this connection, 30 days) remembers invoice → link id, so
 *   a replay costs one GET; a lock (nx, 60 s) keeps two simultaneous runs for
 *   one invoice from both creating a link.
 * - The POST carries an Idempotency-Key made from the invoice and the request,
 *   so Mollie itself answers a retried POST with the same link (about an hour).
 * - The payment a payer makes through the link gets the link's description,
 *   so the matching engine finds the invoice number in it later.
 */
import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { refuse, refuseDotSegments, refuseMarkup, refuseUnfilledMapping } from '../http/refuse';
import { connectionCache, type AccountNames } from '../store/connectionCache';
import { hasTimeFor, nowMs, withDeadline } from '../http/deadline';
import { canonicalInvoiceNumber } from '../matching';
import { mollieClient, type MollieClient } from '../mollie/client';
import { onlyOne, paymentFacts } from '../mollie/paymentFacts';
import { unreadable } from '../mollie/entities';
import { sameMoney, type Money } from '../money/money';
import {
  invoiceLinkOutput,
  paymentLinkStatus,
  type PaymentLinkOutput,
  type PaymentLinkStatus,
} from '../outputs/paymentLink';
import { freshMeta, openLinkIndex, type IndexMeta } from './index';
import type { MolliePaymentLink } from '../mollie/types';

export const MAX_DESCRIPTION = 255;

/** What the invoice-number help of Create and Find Payment Link says about big accounts. */
export const LINK_LOOKUP_HELP =
  'Every payment link of the account is looked at, newest first; the connection remembers what it has read, so later runs only read links made since. ' +
  'One run reads about 10,000 links; with more, a run that has not looked at all of them stops with a message instead of making a second link, and the next try reads on.';
/** Mollie's largest page. */
export const PAGE_SIZE = 250;
/** A bound for runs without a deadline: 400 pages of 250 = 100,000 links. */
export const MAX_PAGES_PER_RUN = 400;
/** Time kept back after the last page for what follows: the create's POST and the cache writes. */
export const RESERVE_MS = 4_000;
/** When a run could not look at every link, the next try comes this much later and goes on from there. */
export const RETRY_UNFINISHED_SECONDS = 30;
export const CACHE_TTL_SECONDS = 30 * 24 * 3600;
export const LOCK_TTL_SECONDS = 60;

/** An invoice number typed or mapped by a user: one word with a digit, as it appears on the invoice. */
export const parseInvoiceNumber = (raw: unknown, field = 'Invoice number'): string => {
  refuseUnfilledMapping(raw, field);
  const text =
    typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!text) return refuse(field, `is empty. Map the invoice number, e.g. INV-2024-0012.`);
  if (text.length > 40)
    return refuse(field, `is ${text.length} characters long; an invoice number has at most 40.`);
  if (/\s/.test(text))
    return refuse(
      field,
      `"${text}" contains a space. Use the number as written on the invoice, e.g. INV-2024-0012.`,
    );
  if (!/^[A-Za-z0-9#][A-Za-z0-9\-/._#]*$/.test(text)) {
    return refuse(field, `"${text}" may only contain letters, digits and - / . _ #.`);
  }
  if (!/\d/.test(text) || !canonicalInvoiceNumber(text))
    return refuse(field, `"${text}" has no digits; an invoice number needs at least one.`);
  return refuseDotSegments(text, field);
};

/** "Invoice INV-2024-0012" or "Invoice INV-2024-0012 - <description>", refused over 255 characters. */
export const linkDescription = (
  invoiceNumber: string,
  description: unknown,
  field = 'Description',
): string => {
  const head = `Invoice ${invoiceNumber}`;
  const text =
    typeof description === 'string' ? refuseMarkup(description.trim().replace(/\s+/g, ' '), field) : '';
  if (!text) return head;
  const full = `${head} - ${text}`;
  if (full.length > MAX_DESCRIPTION) {
    const room = MAX_DESCRIPTION - head.length - 3;
    return refuse(
      field,
      `is ${text.length} characters; with "${head} - " in front it may have at most ${room}.`,
    );
  }
  return full;
};

/** The number this app put first in a link's description (`linkDescription`), or undefined for a link it did not make. */
const ownInvoiceNumber = (description: string | null | undefined): string | undefined =>
  /^Invoice (\S+)(?: - |$)/.exec(description ?? '')?.[1];

/**
 * The invoice a link is for (canonical form), or undefined: the number this app put first in the
 * description, else the one invoice the description names as a payment's reading reads it (a link
 * made in the Mollie dashboard as "Factuur 2026-0042"); a description naming several invoices, only
 * `#12`, or none, is no invoice's link.
 */
export const invoiceOfLink = (link: Pick<MolliePaymentLink, 'description'>): string | undefined => {
  const written =
    ownInvoiceNumber(link.description) ??
    onlyOne(
      paymentFacts({ description: link.description }).reading.invoices.filter((invoice) => !invoice.weak),
    )?.number;
  return written ? canonicalInvoiceNumber(written) : undefined;
};

/** A link that answers "the link for this invoice": paid, or still payable. */
const usable = (status: PaymentLinkStatus) => status === 'paid' || status === 'open';

interface Remembered {
  linkId: string;
  crmAccountId?: string | null;
}

// v2: invoices compare by matching's canonicalInvoiceNumber (v1 held another canonical form).
const cacheKey = (canonical: string) => `payment-link:v2:${canonical}`;
const lockKey = (canonical: string) => `payment-link-lock:v2:${canonical}`;

/**
 * z.cache is an optimisation only: where it is unavailable (local runs), every call falls back to the scan.
 * The memory (link → CRM account) belongs to the Mollie account and the CRM account; the lock to the Mollie account.
 */
const cache = (z: ZObject, accounts: AccountNames) => {
  const memory = connectionCache(z, accounts, 'connection');
  const locks = connectionCache(z, accounts, 'mollie');
  return {
    get: async (canonical: string) => (await memory.get<Remembered>(cacheKey(canonical))) ?? null,
    remember: (canonical: string, value: Remembered) =>
      memory.set(cacheKey(canonical), value, CACHE_TTL_SECONDS),
    /** True when this run holds the lock, or when there is no cache to lock with. */
    lock: async (canonical: string) => (await locks.claim(lockKey(canonical), LOCK_TTL_SECONDS)) !== false,
    unlock: (canonical: string) => locks.forget(lockKey(canonical)),
  };
};

interface Found {
  /** The paid or payable link for the invoice, newest first. */
  link?: MolliePaymentLink;
  /** The newest expired or archived unpaid link for the invoice, seen on the way. */
  dead?: MolliePaymentLink;
  remembered?: Remembered | null;
  /** False when the run's time ran out before every link was looked at: "no link" is then not known. */
  complete: boolean;
  /** How many links were read from Mollie's list in this run. */
  read: number;
}

/**
 * The link of an invoice, looking at every payment link the account has:
 * 1. the link this connection remembers for the invoice (one GET);
 * 2. the links newer than the connection's index (usually one page);
 * 3. the links the index holds for the invoice (one GET each);
 * 4. older links the index has not reached yet, page by page while the run
 *    has time (paymentLinkIndex.ts); the index remembers how far it got.
 * Every candidate is checked against its description before it counts.
 */
export const findInvoiceLink = (
  z: ZObject,
  mollie: MollieClient,
  canonical: string,
  now = Date.now(),
): Promise<Found> =>
  // Under the run's deadline; where no run opened one, under a deadline of its own.
  withDeadline(() => lookUp(z, mollie, canonical, now));

const lookUp = async (z: ZObject, mollie: MollieClient, canonical: string, now: number): Promise<Found> => {
  const remembered = await cache(z, mollie.accounts).get(canonical);
  if (remembered?.linkId) {
    const link = await mollie.paymentLinks.get(remembered.linkId);
    if (link && invoiceOfLink(link) === canonical && usable(paymentLinkStatus(link, now)))
      return { link, remembered, complete: true, read: 0 };
  }
  const index = await openLinkIndex(z, mollie.accounts);
  let dead: MolliePaymentLink | undefined;
  let read = 0;
  let pageMs = 0;
  /** A usable link of this invoice; an unusable one is kept as `dead`. */
  const matches = (link: MolliePaymentLink): boolean => {
    if (invoiceOfLink(link) !== canonical) return false;
    if (usable(paymentLinkStatus(link, now))) return true;
    dead ??= link;
    return false;
  };
  const timeForPage = () => hasTimeFor(pageMs + RESERVE_MS);

  /**
   * Reads whole pages from `from` (the newest when undefined) until `stopAt`, a match, the oldest link, or the
   * time runs out; `next` is where reading older links goes on (null: the oldest link was read).
   */
  const readPages = async (from: string | undefined, newer: boolean, stopAt?: string | null) => {
    let first: string | undefined;
    let found: MolliePaymentLink | undefined;
    for (let pages = 0; pages < MAX_PAGES_PER_RUN; pages++) {
      if (!timeForPage()) return { first, found, next: from, reason: 'time' as const };
      const started = nowMs();
      const { items, nextFrom } = await mollie.paymentLinks.list({ from, limit: PAGE_SIZE });
      pageMs = nowMs() - started;
      for (const link of items) {
        if (link.id === stopAt) return { first, found, next: from, reason: 'indexed' as const };
        first ??= link.id;
        read++;
        const invoice = invoiceOfLink(link);
        if (invoice) index.add(invoice, link.id, newer);
        if (!found && matches(link)) found = link;
      }
      if (!nextFrom) return { first, found, next: null, reason: 'end' as const };
      from = nextFrom;
      if (found) return { first, found, next: from, reason: 'found' as const };
    }
    return { first, found, next: from, reason: 'time' as const };
  };

  const before = index.meta;
  const done = (link: MolliePaymentLink | undefined, complete: boolean): Found => ({
    link,
    dead,
    remembered,
    complete,
    read,
  });

  if (before?.newestId) {
    const top = await readPages(undefined, true, before.newestId);
    if (top.reason === 'end') {
      // The index's newest link is not in the list any more: everything was read from the top, so this run knows.
      await index.save({ ...freshMeta(), newestId: top.first ?? null, resumeFrom: null, read });
      return done(top.found, true);
    }
    const reachedIndex = top.reason === 'indexed';
    const meta: IndexMeta = reachedIndex
      ? { ...before, newestId: top.first ?? before.newestId, read: before.read + read }
      : before;
    if (top.found || !reachedIndex) {
      await index.save(meta);
      return done(top.found, reachedIndex || Boolean(top.found));
    }
    for (const id of await index.idsFor(canonical)) {
      const link = await mollie.paymentLinks.get(id);
      if (link && matches(link)) {
        await index.save(meta);
        return done(link, true);
      }
    }
    if (index.meta && meta.resumeFrom === null) {
      await index.save(meta);
      return done(undefined, true);
    }
    if (index.meta) {
      const older = await readPages(meta.resumeFrom ?? undefined, false);
      await index.save({
        ...meta,
        resumeFrom: older.reason === 'end' ? null : (older.next ?? null),
        read: before.read + read,
      });
      return done(older.found, older.reason === 'end' || Boolean(older.found));
    }
  }
  // No index yet (or it was lost): read from the newest link on, and start the index with what was read.
  const fresh = await readPages(undefined, false);
  await index.save({
    ...freshMeta(),
    newestId: fresh.first ?? null,
    resumeFrom: fresh.reason === 'end' ? null : (fresh.next ?? null),
    read,
  });
  return done(fresh.found, fresh.reason === 'end' || Boolean(fresh.found));
};

/** Refuses to go on when not every link could be looked at: a second link for the invoice is worse than waiting. */
export const unfinishedScan = (z: ZObject, invoiceNumber: string, found: Found): never => {
  throw new z.errors.ThrottledError(
    `Mollie has more payment links than one run can read: this run read ${found.read} of them, newest first, and none is for invoice ${invoiceNumber}. ` +
      'To never make a second link for an invoice, the step stops here instead of creating one; the next try goes on reading where this one stopped.',
    RETRY_UNFINISHED_SECONDS,
  );
};

export interface NewLinkRequest {
  invoiceNumber: string;
  amount: Money;
  description: string;
  crmAccountId?: string;
  expiresAt?: string;
  redirectUrl?: string;
  allowedMethods?: string[];
}

/**
 * The Idempotency-Key of a create: the same invoice and request give the same key, so a retried
 * POST gets the link the first one made. A create that replaces a dead link (archived or expired)
 * names it in the key: the key of the dead link's own create must not bring it back (Mollie keeps
 * a key's answer for about an hour).
 */
export const idempotencyKey = (canonical: string, body: object, replaces?: string): string => {
  const hex = createHash('sha256')
    .update(JSON.stringify(replaces ? { invoice: canonical, body, replaces } : { invoice: canonical, body }))
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to wait for a parallel run that holds the lock, before looking again. */
export const LOCK_WAIT_MS = 1500;

/**
 * The link for this invoice: the existing one (paid or payable) or a new one.
 * A payable link for another amount is refused rather than replaced.
 */
export const ensurePaymentLink = async (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  request: NewLinkRequest,
): Promise<PaymentLinkOutput> => {
  const canonical = canonicalInvoiceNumber(request.invoiceNumber)!;
  const body = {
    description: request.description,
    amount: request.amount,
    ...(request.expiresAt ? { expiresAt: request.expiresAt } : {}),
    ...(request.redirectUrl ? { redirectUrl: request.redirectUrl } : {}),
    ...(request.allowedMethods?.length ? { allowedMethods: request.allowedMethods } : {}),
  };
  const mollie = mollieClient(z, bundle);
  const links = cache(z, mollie.accounts);

  const existing = async (found: Found): Promise<PaymentLinkOutput | undefined> => {
    const link = found.link;
    if (!link) return undefined;
    if (paymentLinkStatus(link) === 'open' && link.amount && !sameMoney(link.amount, request.amount)) {
      throw new z.errors.Error(
        `Invoice ${request.invoiceNumber} already has an unpaid payment link (${link.id}) for ${link.amount.currency} ${link.amount.value}, ` +
          `not ${request.amount.currency} ${request.amount.value}. One invoice gets one link: archive that link in Mollie first to make a new one.`,
        'InvalidInput',
        409,
      );
    }
    // The account asked for now wins (a corrected account); without one, the account the link was made for.
    const crmAccountId = request.crmAccountId ?? found.remembered?.crmAccountId ?? null;
    if (found.remembered?.linkId !== link.id || (found.remembered.crmAccountId ?? null) !== crmAccountId)
      await links.remember(canonical, { linkId: link.id, crmAccountId });
    return invoiceLinkOutput(link, { outcome: 'existing', crmAccountId });
  };

  let found = await findInvoiceLink(z, mollie, canonical);
  const early = await existing(found);
  if (early) return early;
  if (!found.complete) unfinishedScan(z, request.invoiceNumber, found);

  if (!(await links.lock(canonical))) {
    await sleep(LOCK_WAIT_MS);
    found = await findInvoiceLink(z, mollie, canonical);
    const late = await existing(found);
    if (late) return late;
    if (!found.complete) unfinishedScan(z, request.invoiceNumber, found);
    throw new z.errors.ThrottledError(
      `Another run is creating the payment link for invoice ${request.invoiceNumber} right now; trying again shortly.`,
      10,
    );
  }
  try {
    const link = await mollie.paymentLinks.create(body, idempotencyKey(canonical, body, found.dead?.id));
    const problem = unreadable('payment-link', link);
    if (problem)
      throw new z.errors.HaltedError(
        `${problem}: the link for invoice ${request.invoiceNumber} was not handed on.`,
      );
    const status = paymentLinkStatus(link);
    if (!usable(status)) {
      throw new z.errors.Error(
        `Mollie answered the new payment link for invoice ${request.invoiceNumber} with ${link.id}, which is ${status} and cannot be paid. ` +
          'No link was sent on; try again in an hour (Mollie remembers a create that long).',
        'LinkNotPayable',
        409,
      );
    }
    await links.remember(canonical, { linkId: link.id, crmAccountId: request.crmAccountId ?? null });
    return invoiceLinkOutput(link, {
      outcome: 'created',
      crmAccountId: request.crmAccountId ?? null,
      replaces: found.dead?.id ?? null,
    });
  } finally {
    await links.unlock(canonical);
  }
};
