/**
 * Whose payment a line is, decided as the record step decides it
 * (recording/placement.ts): the invoice's contact, unless the keys the payment
 * names (its CRM customer IDs, e-mail, IBAN: its one reading) point to another
 * contact; then the matching engine sees a conflict and the line is booked on
 * neither. The contacts the keys name are read in batches: the invoices'
 * contacts 100 a request, and for keys those contacts do not hold, one look-up
 * per key, or every contact (100 a request) where that is fewer requests.
 */
import { matchReading, queryFor, type PaymentReading } from '../../matching';
import { mapLimited } from '../../http/mapLimited';
import { hasDotSegment } from '../../http/refuse';
import { paymentFacts } from '../../mollie/paymentFacts';
import type { SettlementLine } from '../../mollie/settlementLines';
import type { CrmAccount } from '../adapter';
import type { caller } from '../http';
import { normalizeEmail } from '../accounts';
import { contactAccount } from './contactAccount';
import { contactIbans } from './learning';
import { figuresOf } from './lines';
import { fromMinor } from '../../money/money';
import type { MoneybirdContact, MoneybirdInvoice } from './wire';

type Call = ReturnType<typeof caller>;
type Key = { kind: 'customerId' | 'email' | 'iban'; value: string };

const PER_REQUEST = 100;
const chunks = <T>(values: T[]): T[][] =>
  Array.from({ length: Math.ceil(values.length / PER_REQUEST) }, (_, index) =>
    values.slice(index * PER_REQUEST, index * PER_REQUEST + PER_REQUEST),
  );
const keyName = (key: Key) => `${key.kind}:${key.value}`;

/** The keys of a reading the engine would ask the CRM about (its invoices aside: the line's invoice is known). */
const keysOf = (reading: PaymentReading): Key[] => {
  const query = queryFor(reading);
  return [
    ...query.customerIds.map((value): Key => ({ kind: 'customerId', value })),
    ...query.emails.map((value): Key => ({ kind: 'email', value: normalizeEmail(value) })),
    ...(query.ibans ?? []).map((value): Key => ({ kind: 'iban', value })),
  ];
};
const holds = (contact: MoneybirdContact, account: CrmAccount, key: Key) =>
  key.kind === 'customerId'
    ? (contact.customer_id ?? '').trim() === key.value.trim()
    : key.kind === 'email'
      ? account.emails.includes(key.value)
      : contactIbans(contact).includes(key.value);

export const lineOwners = (call: Call, administrationId: string) => {
  const contactsById = async (ids: string[]): Promise<MoneybirdContact[]> =>
    (
      await mapLimited(
        chunks([...new Set(ids)]),
        2,
        async (chunk) =>
          (await call<MoneybirdContact[]>('POST', '/contacts/synchronization', { body: { ids: chunk } }))
            .data,
      )
    ).flat();
  const firstPage = async (path: string, query: string) =>
    (
      await call<MoneybirdContact[]>('GET', path, {
        params: { query, per_page: String(PER_REQUEST), page: '1' },
      })
    ).data;
  /** The contacts one key names, looked up by it. */
  const lookUp = async (key: Key): Promise<MoneybirdContact[]> => {
    if (key.kind === 'customerId') {
      if (hasDotSegment(key.value)) return [];
      const { status, data } = await call<MoneybirdContact>(
        'GET',
        `/contacts/customer_id/${encodeURIComponent(key.value.trim())}`,
        { pass: [404], one: 'contact' },
      );
      return status === 404 ? [] : [data];
    }
    const found = await firstPage(key.kind === 'email' ? '/contacts' : '/contacts/filter', key.value);
    return found.filter((contact) => holds(contact, contactAccount(contact, administrationId), key));
  };

  return {
    /**
     * For the lines to be booked (each with its one invoice): why a line is booked on neither, by Mollie id;
     * lines not listed are the invoice's contact's.
     */
    conflicts: async (
      lines: Array<{ line: SettlementLine; invoice: MoneybirdInvoice }>,
    ): Promise<Map<string, string>> => {
      const conflicts = new Map<string, string>();
      const read = lines.map(({ line, invoice }) => ({
        line,
        invoice,
        reading: paymentFacts(line.payment ?? {}).reading,
      }));
      const withKeys = read.filter(({ reading }) => keysOf(reading).length > 0);
      if (withKeys.length === 0) return conflicts;
      const owners = new Map(
        (await contactsById(withKeys.map(({ invoice }) => String(invoice.contact_id)))).map((contact) => [
          String(contact.id),
          contact,
        ]),
      );
      // Keys the invoice's contact does not hold may name another contact: look them up, or read every contact where that costs less.
      const open = new Map<string, Key>();
      for (const { invoice, reading } of withKeys) {
        const owner = owners.get(String(invoice.contact_id));
        for (const key of keysOf(reading))
          if (!owner || !holds(owner, contactAccount(owner, administrationId), key))
            open.set(keyName(key), key);
      }
      const named = new Map<string, MoneybirdContact[]>();
      if (open.size > 0) {
        const everyone =
          open.size > 2
            ? (await call<{ id: string | number }[]>('GET', '/contacts/synchronization')).data.map((entry) =>
                String(entry.id),
              )
            : [];
        if (everyone.length && Math.ceil(everyone.length / PER_REQUEST) < open.size) {
          const all = await contactsById(everyone);
          for (const [name, key] of open)
            named.set(
              name,
              all.filter((contact) => holds(contact, contactAccount(contact, administrationId), key)),
            );
        } else {
          const found = await mapLimited(
            [...open.entries()],
            3,
            async ([name, key]) => [name, await lookUp(key)] as const,
          );
          for (const [name, contacts] of found) named.set(name, contacts);
        }
      }
      for (const { line, invoice, reading } of withKeys) {
        const owner = owners.get(String(invoice.contact_id));
        const others = keysOf(reading).flatMap((key) => named.get(keyName(key)) ?? []);
        const number = invoice.invoice_id ?? line.invoiceNumber;
        const state =
          invoice.state === 'open' || invoice.state === 'late' || invoice.state === 'paid'
            ? invoice.state
            : invoice.state === 'reminded'
              ? 'late'
              : 'other';
        const amount = fromMinor(figuresOf(invoice, line.amount.currency).open, line.amount.currency);
        const ownerAccount = owner
          ? [contactAccount(owner, administrationId, [{ id: String(invoice.id), number, amount, state }])]
          : [];
        const candidates = [
          ...ownerAccount,
          ...others
            .filter((contact) => String(contact.id) !== String(invoice.contact_id))
            .map((contact) => contactAccount(contact, administrationId)),
        ];
        const result = matchReading(reading, [
          ...new Map(candidates.map((account) => [account.id, account])).values(),
        ]);
        const elsewhere = result.accountId !== null && result.accountId !== String(invoice.contact_id);
        if (result.reason === 'conflict' || elsewhere) {
          conflicts.set(
            line.mollieId,
            `invoice ${number} belongs to another contact than the payment's keys point to (${result.explanation}); it was booked on neither: correct the payment's metadata or the invoice number, or book it by hand`,
          );
        }
      }
      return conflicts;
    },
  };
};
