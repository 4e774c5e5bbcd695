/**
 * Case kinds about invoice references: invoice words per country, numbers
 * with letters, lists, unmarked numbers, and every kind of noise next to
 * them. Each builder labels its case from how it built it: the account whose
 * invoice or e-mail the payment carries, or null when nothing identifies the
 * payer beyond doubt.
 */
import { COUNTRIES, type Country } from './euCases.countries';
import * as noise from './euCases.noise';
import { money, makeWorld, payment, rnd, shuffle, type Account, type Invoice, type Json, type World } from './euCases.world';

export interface Built {
  why: string;
  payment: Json;
  customer?: Json;
  mandates?: Json[];
  accounts: Account[];
  expected: string | null;
}
export interface KindSpec {
  kind: string;
  count: number;
  countries?: string[];
  build: (country: Country) => Built;
}

export const country = (code: string) => COUNTRIES.find((item) => item.code === code)!;
export const invoiceText = (c: Country, number: string) => rnd.pick(c.invoiceWords)(number);
export const invoiceOf = (account: Account): Invoice => rnd.pick(account.invoices!);
const isPlain = (world: World) => /^\d+$/.test(world.style(world.year, 7));
const payerName = (account: Account) => rnd.pick([account.name, account.name.toUpperCase(), account.name.split(' ').slice(0, 2).join(' ')]);

/** Gives `decoy` an open invoice that a careless reading of `number` would hit (exactly, or as a short form), with `amount`. */
const plantDecoy = (world: World, decoy: Account, number: string, amount: Invoice['amount']) => {
  const digits = number.replace(/\D/g, '');
  const written = isPlain(world) || Number(digits) > 99999 ? number : world.style(world.year, Number(digits));
  if (world.accounts.some((account) => account.invoices?.some((invoice) => invoice.number === written))) return;
  (decoy.invoices ??= []).push({ number: written, amount: { ...amount }, state: 'open' });
};

/** The payer's e-mail where Mollie puts it for the method. */
export const withEmail = (c: Country, email: string): Json =>
  rnd.pick([
    { method: 'paypal', details: { consumerName: 'J. Klant', consumerAccount: email, paypalReference: `9AL${rnd.int(10000, 99999)}` } },
    { method: 'creditcard', billingAddress: { givenName: 'Jan', familyName: 'Klant', email, country: c.code } },
    { method: 'banktransfer', details: { bankName: 'Stichting Mollie Payments', bankAccount: 'NL53ABNA0627535577', bankBic: 'ABNANL2A', transferReference: 'RF12-3456-7890-1234', billingEmail: email } },
  ]);

const invoiceWords: KindSpec[] = COUNTRIES.map((c) => ({
  kind: `invoice-words-${c.code.toLowerCase()}`,
  count: 8,
  countries: [c.code],
  build: (own) => {
    const world = makeWorld(own, rnd.int(3, 8));
    const truth = rnd.pick(world.accounts);
    const invoice = invoiceOf(truth);
    const extra = rnd.pick(['', ` ${truth.name}`, ` - ${payerName(truth)}`, `, ${noise.postcodeNoise(own).text}`]);
    const fields = rnd.chance(0.3) ? withEmail(own, `${rnd.pick(own.names.first)}.${rnd.int(1, 99)}@gmail.com`) : {};
    return { why: 'invoice word of the country + exact invoice number + amount', payment: payment(own, { ...fields, description: `${invoiceText(own, invoice.number)}${extra}`, amount: invoice.amount }), accounts: world.accounts, expected: truth.id };
  },
}));

const letters: KindSpec = {
  kind: 'invoice-letters',
  count: 16,
  countries: ['DE', 'AT', 'BE', 'FR', 'PL', 'PT', 'IT', 'ES', 'IE', 'NL'],
  build: (c) => {
    const lettered = c.styles.map((style, index) => [style, index] as const).filter(([style]) => /[A-Z]/.test(style(2026, 5)));
    const world = makeWorld(c, rnd.int(3, 7), { style: lettered.length ? rnd.pick(lettered)[1] : 0 });
    const truth = rnd.pick(world.accounts);
    const invoice = invoiceOf(truth);
    const description = rnd.pick([`${invoice.number} ${truth.name}`, invoiceText(c, invoice.number), `${invoice.number.toLowerCase()}`, `${payerName(truth)} ${invoice.number}`]);
    return { why: 'invoice number with letters and separators, exact, with amount', payment: payment(c, { description, amount: invoice.amount }), accounts: world.accounts, expected: truth.id };
  },
};

const lists: KindSpec = {
  kind: 'invoice-lists',
  count: 14,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 6));
    const truth = rnd.pick(world.accounts);
    while (truth.invoices!.length < 2) truth.invoices!.push({ number: world.style(world.year, world.freshSeq()), amount: money(c.currency, 20, 900), state: 'open' });
    const [a, b] = truth.invoices!;
    const cents = (value: string) => Math.round(Number(value) * 100);
    const total = ((cents(a.amount.value) + cents(b.amount.value)) / 100).toFixed(2);
    const tail = rnd.chance(0.3) ? `, ${noise.postcodeNoise(c).text}` : '';
    return { why: 'several invoices of one account adding up to the payment', payment: payment(c, { description: `${rnd.pick(c.listWords)(a.number, b.number)}${tail}`, amount: { value: total, currency: c.currency } }), accounts: world.accounts, expected: truth.id };
  },
};

const listAcrossAccounts: KindSpec = {
  kind: 'invoice-lists-two-accounts',
  count: 6,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 6));
    const [x, y] = shuffle(world.accounts);
    const [a, b] = [invoiceOf(x), invoiceOf(y)];
    const total = ((Math.round(Number(a.amount.value) * 100) + Math.round(Number(b.amount.value) * 100)) / 100).toFixed(2);
    return { why: 'invoices of two accounts paid at once: whose payment is it?', payment: payment(c, { description: rnd.pick(c.listWords)(a.number, b.number), amount: { value: total, currency: c.currency } }), accounts: world.accounts, expected: null };
  },
};

const unmarked: KindSpec = {
  kind: 'unmarked-exact',
  count: 10,
  countries: ['NL', 'DE', 'SE', 'DK', 'NO', 'FI', 'ES'],
  build: (c) => {
    const plain = c.styles.findIndex((style) => !/[A-Z]/i.test(style(2026, 5)));
    const world = makeWorld(c, rnd.int(3, 7), { style: Math.max(plain, 0) });
    const truth = rnd.pick(world.accounts);
    const invoice = invoiceOf(truth);
    return { why: 'the exact invoice number without an invoice word, with its amount', payment: payment(c, { description: rnd.pick([`${invoice.number} ${truth.name}`, `${payerName(truth)} ${invoice.number}`, `Ref ${invoice.number}`]), amount: invoice.amount }), accounts: world.accounts, expected: truth.id };
  },
};

const unmarkedOtherAmount: KindSpec = {
  kind: 'unmarked-other-amount',
  count: 6,
  countries: ['NL', 'DE', 'SE', 'DK', 'FI'],
  build: (c) => {
    const plain = c.styles.findIndex((style) => !/[A-Z]/i.test(style(2026, 5)));
    const world = makeWorld(c, rnd.int(3, 7), { style: Math.max(plain, 0) });
    const truth = rnd.pick(world.accounts);
    const invoice = invoiceOf(truth);
    return { why: 'a bare number equal to an invoice, but another amount: not evidence', payment: payment(c, { description: `${truth.name} ${invoice.number}`, amount: money(c.currency) }), accounts: world.accounts, expected: null };
  },
};

type NoiseMaker = (c: Country, amountValue: string) => noise.NoiseText;

/**
 * A noise number next to (or instead of) the payer's evidence, and a decoy account holding an
 * invoice that number would hit, with the payment's amount. With the payer's invoice or e-mail:
 * the payer; with nothing else: null.
 */
const noiseKind = (kind: string, count: number, make: NoiseMaker, countries?: string[], extra: (made: noise.NoiseText) => Json = () => ({})): KindSpec => ({
  kind,
  count,
  countries,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 7));
    const [truth, decoy] = shuffle(world.accounts);
    const variant = rnd.pick(['invoice', 'invoice', 'email', 'nothing'] as const);
    const invoice = invoiceOf(truth);
    const amount = variant === 'invoice' ? invoice.amount : money(c.currency);
    const made = make(c, amount.value);
    const fields = extra(made);
    plantDecoy(world, decoy, made.decoy, amount);
    if (variant === 'invoice') {
      const said = invoiceText(c, invoice.number);
      const description = rnd.pick([`${said}, ${made.text}`, `${made.text} ${said}`, `${said} ${made.text}`]);
      return { why: `${kind.replace('noise-', '')} beside the invoice is no invoice`, payment: payment(c, { ...fields, description, amount }), accounts: world.accounts, expected: truth.id };
    }
    const description = `${made.text} ${payerName(truth)}`;
    if (variant === 'email') {
      return { why: `${kind.replace('noise-', '')} is no invoice; the e-mail decides`, payment: payment(c, { ...fields, ...withEmail(c, rnd.pick(truth.emails)), description, amount }), accounts: world.accounts, expected: truth.id };
    }
    return { why: `${kind.replace('noise-', '')} alone, and a name, identify nobody`, payment: payment(c, { ...fields, description, amount }), accounts: world.accounts, expected: null };
  },
});

export const INVOICE_KINDS: KindSpec[] = [
  ...invoiceWords,
  letters,
  lists,
  listAcrossAccounts,
  unmarked,
  unmarkedOtherAmount,
  noiseKind('noise-postcode', 18, noise.postcodeNoise),
  noiseKind('noise-house-number', 12, noise.houseNumberNoise),
  noiseKind('noise-date', 12, noise.dateNoise),
  noiseKind('noise-time', 6, noise.timeNoise, ['NL', 'DE', 'FR', 'SE', 'FI']),
  noiseKind('noise-vat-rate', 12, noise.vatNoise),
  noiseKind('noise-amount', 12, noise.amountNoise),
  noiseKind('noise-phone', 12, noise.phoneNoise),
  noiseKind('noise-iban', 10, noise.ibanNoise),
  noiseKind('noise-structured-reference', 12, noise.structuredNoise, ['BE', 'FI', 'NO', 'SE', 'NL', 'DE', 'FR', 'ES']),
  noiseKind('noise-customer-number', 10, noise.customerNoise),
  noiseKind('order-number', 14, noise.orderNoise, undefined, (made) =>
    rnd.chance(0.5) ? { metadata: { [rnd.pick(['orderNumber', 'order_id', 'bestelnummer', 'Bestellnummer', 'numero_commande'])]: made.decoy } } : {},
  ),
];
