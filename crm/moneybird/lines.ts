/**
 * One payout line on its Moneybird invoice: each line books its own amount,
 * once. A payment or capture line books what was paid out for it; a refund or
 * chargeback line books its own negative amount on the invoice its payment
 * paid (or the credit invoice it names). A payment registered for the Mollie
 * id without a bank line (Create CRM Payment Record's) of exactly the line's
 * amount is linked; otherwise the line is registered on the invoice and
 * linked to its bank line in one request (`bank_transfer`). Money that is not
 * in the payout changes nothing on the invoice. What is not certain (no or two
 * invoices, another amount, an invoice paid by hand, a payment linked before)
 * goes to a person with the reason and a hint; whose payment it is, is
 * lineOwners.ts's question.
 */
import type { SettlementLine } from '../../mollie/settlementLines';
import { formatMinor, toMinor } from '../../money/money';
import type { MoneybirdInvoice, MoneybirdPayment } from './wire';

export type Decision =
  | { action: 'booked' }
  | { action: 'link'; invoice: MoneybirdInvoice; payment: MoneybirdPayment }
  | { action: 'register'; invoice: MoneybirdInvoice }
  | { action: 'person'; reason: string };

export interface LineContext {
  currency: string;
  /** Every invoice the number names (canonically). */
  invoicesNamed(number: string): MoneybirdInvoice[];
  /** What the payment and capture lines of this payout still to be booked on this invoice add up to, this one included. */
  pendingFor(invoiceId: string): bigint;
}

/** An amount as Moneybird writes it ("363.0", -10, "1,5") in minor units. */
export const minorOf = (value: string | number | undefined, currency: string): bigint =>
  toMinor({ currency, value: String(value ?? '0').replace(',', '.') });

/** What an invoice asks and holds: its total, what is paid on it, and what is still open (negative for a credit invoice). */
export const figuresOf = (invoice: MoneybirdInvoice, currency: string) => {
  const paid = (invoice.payments ?? []).reduce((sum, payment) => sum + minorOf(payment.price, currency), 0n);
  const total =
    invoice.total_price_incl_tax === undefined
      ? minorOf(invoice.total_unpaid, currency) + paid
      : minorOf(invoice.total_price_incl_tax, currency);
  const credit = total < 0n;
  const left = total - paid;
  return { total, paid, credit, open: credit ? (left < 0n ? left : 0n) : left > 0n ? left : 0n };
};

/** The invoice a line names, when exactly one invoice is that number. */
export const invoiceOfLine = (
  line: SettlementLine,
  context: Pick<LineContext, 'invoicesNamed'>,
): MoneybirdInvoice | undefined => {
  const named = line.invoiceNumber ? context.invoicesNamed(line.invoiceNumber) : [];
  return named.length === 1 ? named[0] : undefined;
};

const person = (reason: string): Decision => ({ action: 'person', reason });

/** A Mollie payment's full amount, less what its invoice already received for it: what is left of it to pay out. */
const leftOfItsPayment = (
  line: SettlementLine,
  invoice: MoneybirdInvoice,
  currency: string,
): bigint | undefined => {
  const amount = (line.payment as { amount?: { currency: string; value: string } } | null)?.amount;
  if (!amount || amount.currency !== currency) return undefined;
  const held = (invoice.payments ?? [])
    .filter((p) => p.transaction_identifier === line.paymentId)
    .reduce((sum, p) => sum + minorOf(p.price, currency), 0n);
  return toMinor(amount) - held;
};

/** What to do with one payment, capture, refund or chargeback line, whose bank line (mutation) is `mutationId`. */
export const decide = (line: SettlementLine, context: LineContext, mutationId: string): Decision => {
  const { currency } = context;
  const money = (minor: bigint) => formatMinor(minor < 0n ? -minor : minor, currency);
  const amount = toMinor(line.amount);
  const number = line.invoiceNumber;
  if (!number && line.invoiceNumbers?.length > 1)
    return person(
      `the payment names several invoices (${line.invoiceNumbers.join(', ')}), so none is chosen: link the line to the right one by hand`,
    );
  if (!number)
    return person(
      'no invoice number in the payment’s metadata or description: link the line to its invoice by hand in Moneybird',
    );
  const named = context.invoicesNamed(number);
  if (named.length === 0)
    return person(`Moneybird has no sales invoice ${number}: check the number, or link the line by hand`);
  if (named.length > 1) {
    return person(
      `Moneybird has ${named.length} sales invoices that are invoice ${number}: ${named.map((invoice) => invoice.invoice_id).join(', ')}; link the line to the right one by hand`,
    );
  }
  const [invoice] = named;
  const shown = invoice.invoice_id ?? number;
  if (invoice.currency !== currency)
    return person(`invoice ${shown} is in ${invoice.currency}, the payout in ${currency}`);

  const price = (payment: MoneybirdPayment) => minorOf(payment.price, currency);
  const forThisPayment = (invoice.payments ?? []).filter((p) => p.transaction_identifier === line.paymentId);
  // Booked meanwhile by a parallel run (the invoice was read after the bank lines).
  if ((invoice.payments ?? []).some((p) => String(p.financial_mutation_id ?? '') === mutationId))
    return { action: 'booked' };
  const unlinked = forThisPayment.filter(
    (p) => !p.financial_mutation_id && (amount > 0n ? price(p) > 0n : price(p) < 0n),
  );
  const exact = unlinked.find((p) => price(p) === amount);
  if (exact) return { action: 'link', invoice, payment: exact };
  if (unlinked.length) {
    const held = unlinked.map((p) => formatMinor(price(p), currency)).join(' and ');
    return person(
      `invoice ${shown} holds ${held} for ${line.paymentId} without a bank line, not this line’s ${line.amount.value}: link the line to it by hand`,
    );
  }

  const figures = figuresOf(invoice, currency);
  if (line.kind === 'payment' || line.kind === 'capture') {
    if (figures.credit)
      return person(
        `invoice ${shown} is a credit invoice; a payment of ${money(amount)} is not booked on it: link the line by hand`,
      );
    if (line.kind === 'payment' && forThisPayment.some((p) => p.financial_mutation_id && price(p) > 0n)) {
      return person(
        `invoice ${shown} already has payment ${line.paymentId} linked to another bank line: check that the payout was not imported twice`,
      );
    }
    if (amount > figures.open) {
      const byHand = (invoice.payments ?? []).filter(
        (p) => !p.transaction_identifier && !p.financial_mutation_id && price(p) > 0n,
      );
      if (byHand.length) {
        const sum = byHand.reduce((total, p) => total + price(p), 0n);
        return person(
          `invoice ${shown} was paid by hand (${money(sum)} registered without a Mollie transaction id), so it has ${money(figures.open)} open: link this line to that payment in Moneybird, or refund the payer if they paid twice`,
        );
      }
      if (figures.open === 0n)
        return person(
          `invoice ${shown} is already paid; the payer may have paid twice: refund the payment or book it by hand`,
        );
      return person(
        `amount differs: invoice ${shown} has ${money(figures.open)} open, the payment is ${money(amount)}: book it by hand`,
      );
    }
    const partsAddUp =
      context.pendingFor(String(invoice.id)) === figures.open ||
      leftOfItsPayment(line, invoice, currency) === figures.open;
    if (amount < figures.open && !partsAddUp) {
      return person(
        `amount differs: invoice ${shown} has ${money(figures.open)} open, the payment is ${money(amount)}: if it is a part payment, link it by hand`,
      );
    }
    return { action: 'register', invoice };
  }
  if (figures.credit) {
    if (amount < figures.open)
      return person(
        `credit invoice ${shown} has ${money(figures.open)} left to pay back, the ${line.kind} is ${money(amount)}: book it by hand`,
      );
    return { action: 'register', invoice };
  }
  if (figures.paid + amount < 0n)
    return person(
      `invoice ${shown} has ${money(figures.paid)} received, less than the ${line.kind} of ${money(amount)}: book it by hand`,
    );
  return { action: 'register', invoice };
};
