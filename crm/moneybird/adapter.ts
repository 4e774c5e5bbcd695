import type { ZObject } from 'zapier-platform-core';
import { cursorGuard } from '../../http/cursorGuard';
import { hasTimeFor } from '../../http/deadline';
import { hasDotSegment } from '../../http/refuse';
import { apiBase } from '../../http/endpoints';
import type { Money } from '../../money/money';
import { fromMinor, toMinor } from '../../money/money';
import type {
  CandidateQuery,
  CrmAccount,
  CrmAdapter,
  CrmInvoice,
  NewAccount,
  PaymentRecord,
  PaymentRecordInput,
  PaymentRecordQuery,
  UpsertResult,
} from '../adapter';
import { caller } from '../http';
import { normalizeEmail, unique, uniqueAccounts } from '../accounts';
import { mapLimited } from '../../http/mapLimited';
import { withRecordLock } from '../../store/lock';
import type { AccountNames } from '../../store/connectionCache';
import { checkRecordIds, crmId } from '../ids';
import { netReceived } from '../recordStatus';
import { moneybirdAccountParts } from './learning';

import { connectionCache } from '../../store/connectionCache';
import { bookingDate } from '../bookDates';
import { contactAccount } from './contactAccount';
import { invoiceFinder } from './invoiceLookup';
import type { MoneybirdAdministration, MoneybirdContact, MoneybirdInvoice, MoneybirdPayment } from './wire';

export type { MoneybirdContact, MoneybirdInvoice, MoneybirdPayment } from './wire';

const UI = 'https://moneybird.com';
const DAY_SECONDS = 86_400;
/** Moneybird pages its lists: at most 100 a page. */
export const PER_PAGE = 100;
/** Time kept for one more page and what follows it in the run. */
const PAGE_TIME_MS = 3_000;
const CUSTOMER_ID_TAKEN = /customer.?id\b.*(taken|already)/i;
const OPEN_STATES = 'open|late|reminded|pending_payment';

/** The invoice-state words of the matching engine. */
const invoiceState = (state: string): CrmInvoice['state'] =>
  state === 'open' || state === 'late' || state === 'paid' ? state : state === 'reminded' ? 'late' : 'other';

/** Moneybird writes "363.0" or a number: read it into the currency's decimals without floats. */
const moneyOf = (price: string | number | undefined, currency: string): Money =>
  fromMinor(toMinor({ currency, value: String(price ?? '0').replace(',', '.') }), currency);

/** Everything registered on an invoice for one Mollie payment: the payment, and corrections after refunds. */
const paymentsFor = (invoice: MoneybirdInvoice, molliePaymentId: string) =>
  (invoice.payments ?? [])
    .filter((payment) => payment.transaction_identifier === molliePaymentId)
    .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id));

export const moneybirdAdapter = (
  z: ZObject,
  administrationId: string,
  accounts: AccountNames,
): CrmAdapter => {
  const call = caller(z, 'moneybird', () => `${apiBase('moneybird')}/api/v2/${administrationId}`);
  const root = caller(z, 'moneybird', () => `${apiBase('moneybird')}/api/v2`);
  const invoiceUrl = (id: string) => `${UI}/${administrationId}/sales_invoices/${id}`;

  const accountOf = (contact: MoneybirdContact, invoices?: CrmInvoice[]): CrmAccount =>
    contactAccount(contact, administrationId, invoices);

  /**
   * The pages of a list (per_page 100, page 1, 2, …), every one where the
   * answer depends on all of it. A capped read stops once it has `enough`; when
   * the run has no time left for the next page, a read that may be partial says
   * so (`complete: false`), any other says so to the user and is retried.
   */
  const readPages = async <T>(
    path: string,
    params: Record<string, string>,
    what: string,
    options: { enough?: (read: T[]) => boolean; partialOk?: boolean } = {},
  ) => {
    const items: T[] = [];
    // Moneybird pages by number: a page whose records are those of a page read before is the list coming round again.
    const pages = cursorGuard('moneybird');
    let previous: string | undefined;
    for (let page = 1; ; page++) {
      const { data } = await call<T[]>('GET', path, {
        params: { ...params, per_page: String(PER_PAGE), page: String(page) },
      });
      if (data.length)
        previous = pages.next(
          data.map((record) => String((record as { id?: unknown }).id)).join(','),
          previous,
        );
      items.push(...data);
      if (data.length < PER_PAGE) return { items, complete: true };
      if (options.enough?.(items)) return { items, complete: false };
      if (!hasTimeFor(PAGE_TIME_MS)) {
        if (options.partialOk) return { items, complete: false };
        throw new z.errors.ThrottledError(
          `Moneybird has more than ${items.length} ${what}; this run had no time to read them all, so Zapier will try again.`,
          60,
        );
      }
    }
  };
  const allPages = async <T>(path: string, params: Record<string, string>, what: string): Promise<T[]> =>
    (await readPages<T>(path, params, what)).items;

  const contactByCustomerId = async (customerId: string): Promise<MoneybirdContact[]> => {
    // A customer ID a web address would drop ("..", %2e) names no contact this path can reach.
    if (hasDotSegment(customerId)) return [];
    const { status, data } = await call<MoneybirdContact>(
      'GET',
      `/contacts/customer_id/${encodeURIComponent(customerId.trim())}`,
      { pass: [404], one: 'contact' },
    );
    return status === 404 ? [] : [data];
  };

  const contactsByEmail = async (email: string, query?: CandidateQuery): Promise<MoneybirdContact[]> => {
    const wanted = normalizeEmail(email);
    const carries = (contact: MoneybirdContact) => accountOf(contact).emails.includes(wanted);
    const cap = query?.maxPerKey ?? Infinity;
    // The query matches names, addresses and more: keep the contacts that really carry this e-mail, reading on until more than the cap carry it.
    const { items, complete } = await readPages<MoneybirdContact>(
      '/contacts',
      { query: wanted },
      `contacts matching ${wanted}`,
      {
        enough: (read) => read.filter(carries).length > cap,
        partialOk: query?.maxPerKey !== undefined,
      },
    );
    const carriers = items.filter(carries);
    if (!complete || carriers.length > cap) query?.incomplete?.add(wanted);
    return carriers.slice(0, cap);
  };

  // Invoice numbers are compared canonically, by the matching engine's rule (invoiceLookup.ts).
  const lookup = invoiceFinder(call);

  /** The administration's time zone (remembered a day): the payment date is the administration's day. */
  const timeZone = () =>
    connectionCache(z, accounts, 'crm').remember(
      `moneybird:time-zone:v1:${administrationId}`,
      DAY_SECONDS,
      async () => {
        const { data } = await root<MoneybirdAdministration[]>('GET', '/administrations');
        return (
          (data ?? []).find((administration) => String(administration.id) === administrationId)?.time_zone ||
          'Europe/Amsterdam'
        );
      },
    );

  const period = () => {
    const year = new Date().getUTCFullYear();
    return `${year - 2}0101..${year + 1}1231`;
  };

  const openInvoices = async (contactId: string): Promise<CrmInvoice[]> => {
    const invoices = await allPages<MoneybirdInvoice>(
      '/sales_invoices',
      { filter: `state:${OPEN_STATES},contact_id:${contactId},period:${period()}` },
      `open invoices for contact ${contactId}`,
    );
    return invoices
      .filter((invoice) => invoice.invoice_id)
      .map((invoice) => ({
        id: String(invoice.id),
        number: invoice.invoice_id!,
        amount: moneyOf(invoice.total_unpaid ?? invoice.total_price_incl_tax, invoice.currency),
        state: invoiceState(invoice.state),
      }));
  };

  const recordOf = (invoice: MoneybirdInvoice, molliePaymentId: string): PaymentRecord | null => {
    const payments = paymentsFor(invoice, molliePaymentId);
    if (payments.length === 0) return null;
    const currency = invoice.currency;
    const received = payments
      .filter((p) => toMinor(moneyOf(p.price, currency)) > 0n)
      .reduce((sum, p) => sum + toMinor(moneyOf(p.price, currency)), 0n);
    const corrected = payments
      .filter((p) => toMinor(moneyOf(p.price, currency)) < 0n)
      .reduce((sum, p) => sum - toMinor(moneyOf(p.price, currency)), 0n);
    return {
      id: String(payments[0].id),
      molliePaymentId,
      accountId: String(invoice.contact_id),
      invoiceNumber: invoice.invoice_id ?? undefined,
      amount: fromMinor(received, currency),
      amountRefunded: fromMinor(corrected, currency),
      // Moneybird keeps amounts only: a refund and a chargeback both show as money given back.
      status: corrected === 0n ? 'paid' : corrected >= received ? 'refunded' : 'partially refunded',
      url: invoiceUrl(String(invoice.id)),
    };
  };

  const requireInvoice = async (
    invoiceNumber: string | undefined,
    molliePaymentId: string,
  ): Promise<MoneybirdInvoice> => {
    if (!invoiceNumber?.trim()) {
      throw new z.errors.Error(
        `Invoice number: Moneybird records a payment on its sales invoice, so the invoice number of ${molliePaymentId} is needed (map it, or name the invoice in the payment's description or metadata).`,
        'InvalidInput',
        400,
      );
    }
    const named = await lookup.named(invoiceNumber);
    if (named.length === 0) {
      throw new z.errors.Error(
        `Invoice number: Moneybird has no sales invoice ${invoiceNumber.trim()}, so payment ${molliePaymentId} was not recorded. Check the number.`,
        'NotFound',
        404,
      );
    }
    if (named.length > 1) {
      const numbers = named.map((invoice) => invoice.invoice_id).join(' and ');
      throw new z.errors.Error(
        `Invoice number: ${invoiceNumber.trim()} is ${named.length} Moneybird invoices (${numbers}), so payment ${molliePaymentId} was booked on neither. Map the exact number, or book it by hand.`,
        'InvalidInput',
        400,
      );
    }
    return named[0];
  };

  const registerPayment = (invoiceId: string, price: Money, date: string, molliePaymentId: string) =>
    call<MoneybirdPayment>('POST', `/sales_invoices/${invoiceId}/payments`, {
      body: {
        payment: {
          payment_date: date,
          price: price.value,
          transaction_identifier: molliePaymentId,
          manual_payment_action: 'payment_without_proof',
        },
      },
    });

  const isSameContact = (contact: MoneybirdContact, account: NewAccount) =>
    accountOf(contact).name.trim().toLowerCase() === account.name.trim().toLowerCase() &&
    (!account.email || accountOf(contact).emails.includes(normalizeEmail(account.email))) &&
    (contact.customer_id ?? '') === (account.customerId ?? contact.customer_id ?? '');

  /** Contacts that are exactly this account (same name and e-mail), found through Moneybird's query (no index lag). */
  const sameContacts = async (account: NewAccount) =>
    (
      await allPages<MoneybirdContact>(
        '/contacts',
        { query: account.email ? normalizeEmail(account.email) : account.name.trim() },
        `contacts matching ${account.name}`,
      )
    ).filter((contact) => isSameContact(contact, account));

  /**
   * The invoice decides whose payment it is: a record for another account than
   * the invoice's contact is refused, booked on neither. (Which account a
   * payment belongs to is decided before, by recording/: what the payment's
   * customer IDs and invoices say.)
   */
  const refuseOtherAccount = (invoice: MoneybirdInvoice, input: PaymentRecordInput) => {
    const owner = String(invoice.contact_id);
    if (input.accountId && input.accountId !== owner) {
      throw new z.errors.Error(
        `Account ID: invoice ${invoice.invoice_id} belongs to Moneybird contact ${owner}, not ${input.accountId}, so payment ${input.molliePaymentId} was booked on neither. Correct the account or the invoice number.`,
        'InvalidInput',
        400,
      );
    }
  };

  /**
   * What the matching reads of a contact, remembered for this run only: the lines of one settlement
   * often share a customer, and Moneybird allows 150 requests in 5 minutes.
   */
  const forThisRun = <T>(read: (key: string) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>();
    return (key: string) => {
      if (!seen.has(key)) seen.set(key, read(key));
      return seen.get(key)!;
    };
  };
  const candidatesById = forThisRun(contactByCustomerId);
  const candidateInvoices = forThisRun(openInvoices);

  const { accountsByIbans, ...accountParts } = moneybirdAccountParts({
    z,
    call,
    perPage: PER_PAGE,
    toAccount: (contact) => accountOf(contact),
    allPages,
  });

  return {
    crm: 'moneybird',
    recordsOnInvoices: true,
    accountNoun: 'contact',
    ...accountParts,
    whoAmI: async () => {
      const response = await root<MoneybirdAdministration[]>('GET', '/administrations');
      const administrations = response.data ?? [];
      const mine = administrations.find((administration) => String(administration.id) === administrationId);
      if (!mine) {
        const seen =
          administrations
            .map((administration) => `${administration.name} (${administration.id})`)
            .join(', ') || 'none';
        throw new z.errors.Error(
          `Moneybird administration ID: this token has no administration ${administrationId}. It can see: ${seen}.`,
          'InvalidCredential',
          400,
        );
      }
      return { name: `Moneybird ${mine.name}` };
    },

    findAccountsByEmail: async (email) => (await contactsByEmail(email)).map((contact) => accountOf(contact)),

    findAccountsByCustomerId: async (customerId) =>
      (await contactByCustomerId(customerId)).map((contact) => accountOf(contact)),

    findCandidates: async (query: CandidateQuery) => {
      const byId = await mapLimited(unique(query.customerIds), 3, candidatesById);
      const byEmail = await mapLimited(unique(query.emails.map(normalizeEmail)), 3, (email) =>
        contactsByEmail(email, query),
      );
      const named = await lookup.eachNamed(unique(query.invoiceNumbers));
      const byIban = await accountsByIbans(query.ibans ?? []);
      const contacts = [...byId.flat(), ...byEmail.flat()];
      const invoiceContacts = await mapLimited(
        unique(
          named
            .filter((invoice): invoice is MoneybirdInvoice => !!invoice)
            .map((invoice) => String(invoice.contact_id)),
        ).filter((id) => !contacts.some((c) => String(c.id) === id)),
        3,
        async (id) => (await call<MoneybirdContact>('GET', `/contacts/${id}`, { one: 'contact' })).data,
      );
      const all = uniqueAccounts([
        ...[...contacts, ...invoiceContacts].map((contact) => accountOf(contact)),
        ...byIban,
      ]);
      // The matching engine compares open invoices, which only Moneybird knows, and only for a payment naming an invoice:
      // those of the invoices' owners first, then of at most maxPerKey accounts.
      if (query.invoiceNumbers.length === 0) return all;
      const owners = new Set(named.flatMap((invoice) => (invoice ? [String(invoice.contact_id)] : [])));
      const ordered = [
        ...all.filter((account) => owners.has(account.id)),
        ...all.filter((account) => !owners.has(account.id)),
      ];
      const read = ordered.slice(0, Math.max(owners.size, query.maxPerKey ?? Infinity));
      const withInvoices = await mapLimited(read, 3, async (account) => ({
        ...account,
        invoices: await candidateInvoices(account.id),
      }));
      return [...withInvoices, ...ordered.slice(read.length)];
    },

    createAccount: async (account) => {
      // Without a customer ID nothing unique guards the create: look for the contact a dropped earlier try made.
      if (!account.customerId) {
        const [made] = await sameContacts(account);
        if (made) return accountOf(made);
      }
      const contact = {
        company_name: account.name,
        ...(account.email ? { send_invoices_to_email: normalizeEmail(account.email) } : {}),
        ...(account.customerId ? { customer_id: account.customerId } : {}),
      };
      try {
        return accountOf((await call<MoneybirdContact>('POST', '/contacts', { body: { contact } })).data);
      } catch (error) {
        // 422 "customer id has already been taken": by the contact an earlier try made (return it), or by another (say so).
        if (!account.customerId || !CUSTOMER_ID_TAKEN.test((error as Error).message)) throw error;
        const [holder] = await contactByCustomerId(account.customerId);
        if (!holder) throw error;
        if (isSameContact(holder, account)) return accountOf(holder);
        throw new z.errors.Error(
          `Customer ID: Moneybird contact ${accountOf(holder).name} (${holder.id}) already has customer ID ${account.customerId}. Use Find CRM Account, or choose another customer ID.`,
          'InvalidInput',
          422,
        );
      }
    },

    findPaymentRecord: async (query: PaymentRecordQuery) => {
      if (query.invoiceNumber?.trim()) {
        const named = await lookup.named(query.invoiceNumber);
        return named.map((invoice) => recordOf(invoice, query.molliePaymentId)).find(Boolean) ?? null;
      }
      if (!query.accountId) {
        throw new z.errors.Error(
          'Invoice number: Moneybird keeps payments on invoices; give the invoice number (or the account) to look in.',
          'InvalidInput',
          400,
        );
      }
      const accountId = crmId('moneybird', 'account', query.accountId, 'Account ID')!;
      const invoices = await allPages<MoneybirdInvoice>(
        '/sales_invoices',
        { filter: `state:all,contact_id:${accountId},period:${period()}` },
        `invoices for contact ${accountId}`,
      );
      for (const invoice of invoices) {
        const record = recordOf(invoice, query.molliePaymentId);
        if (record) return record;
      }
      return null;
    },

    upsertPaymentRecord: async (input: PaymentRecordInput): Promise<UpsertResult> => {
      checkRecordIds('moneybird', input);
      if (!input.invoiceNumber?.trim()) await requireInvoice(input.invoiceNumber, input.molliePaymentId);
      return withRecordLock(z, accounts, input.molliePaymentId, async () => {
        // The invoice is read inside the lock: its payments are the only place Moneybird keeps the Mollie id.
        const invoice = await requireInvoice(input.invoiceNumber, input.molliePaymentId);
        if (invoice.currency !== input.amount.currency) {
          throw new z.errors.Error(
            `Invoice number: invoice ${input.invoiceNumber} is in ${invoice.currency}, payment ${input.molliePaymentId} in ${input.amount.currency}.`,
            'InvalidInput',
            400,
          );
        }
        refuseOtherAccount(invoice, input);
        const wanted = toMinor(netReceived(input));
        // A copy a parallel run registered but could not remove (its re-read failed) goes first: it is not money held.
        const found = recordOf(invoice, input.molliePaymentId);
        const before = found && (await settle(String(invoice.id), input.molliePaymentId, wanted, invoice));
        if (!before && wanted <= 0n) {
          throw new z.errors.HaltedError(
            `Moneybird records money received: payment ${input.molliePaymentId} is ${input.status}, so nothing was registered on invoice ${input.invoiceNumber}.`,
          );
        }
        const date = bookingDate(input.paidAt ?? new Date().toISOString(), await timeZone());
        const register = (minor: bigint) =>
          registerPayment(
            String(invoice.id),
            fromMinor(minor, input.amount.currency),
            date,
            input.molliePaymentId,
          );
        // First the payment as Mollie took it, then a correction line (same transaction_identifier) for refunds and chargebacks.
        let held = before ? toMinor(before.amount) - toMinor(before.amountRefunded) : 0n;
        if (!before) {
          await register(toMinor(input.amount));
          held = toMinor(input.amount);
        }
        const difference = wanted - held;
        if (difference !== 0n) await register(difference);
        const after = await settle(String(invoice.id), input.molliePaymentId, wanted);
        return { ...after, outcome: !before ? 'created' : difference === 0n ? 'unchanged' : 'updated' };
      });
    },

    listOptions: async () => [],
  };

  /**
   * Re-reads the invoice after writing (or takes the one just read, before
   * writing). If a parallel run (one that got past the lock) registered the
   * same lines too, copies are removed, newest first and again while one
   * brings the invoice closer to what the Mollie payment says (a copied
   * payment and its copied correction both go), until the invoice holds
   * exactly that. A payment linked to a bank line is never removed.
   */
  async function settle(
    invoiceId: string,
    molliePaymentId: string,
    wanted: bigint,
    current?: MoneybirdInvoice,
  ): Promise<PaymentRecord> {
    const read = async () =>
      (await call<MoneybirdInvoice>('GET', `/sales_invoices/${invoiceId}`, { one: 'sales invoice' })).data;
    const invoice = current ?? (await read());
    const kept = paymentsFor(invoice, molliePaymentId);
    const price = (payment: MoneybirdPayment) => toMinor(moneyOf(payment.price, invoice.currency));
    const distance = (value: bigint) => (value < 0n ? -value : value);
    let net = kept.reduce((sum, payment) => sum + price(payment), 0n);
    let removed = false;
    for (let changed = true; changed && net !== wanted;) {
      changed = false;
      for (const payment of [...kept].reverse()) {
        if (net === wanted) break;
        const twin = kept.some(
          (other) =>
            other !== payment &&
            price(other) === price(payment) &&
            (!!other.financial_mutation_id || kept.indexOf(other) < kept.indexOf(payment)),
        );
        if (
          payment.financial_mutation_id ||
          !twin ||
          distance(net - price(payment) - wanted) >= distance(net - wanted)
        )
          continue;
        await call('DELETE', `/sales_invoices/${invoiceId}/payments/${payment.id}`, { pass: [404] });
        net -= price(payment);
        kept.splice(kept.indexOf(payment), 1);
        removed = changed = true;
      }
    }
    return recordOf(removed ? await read() : invoice, molliePaymentId)!;
  }
};
