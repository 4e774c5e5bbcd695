/**
 * Building blocks of the European matching cases: a CRM of one country
 * (accounts with e-mails, customer ids, IBANs and open invoices numbered the
 * way one accounting package numbers them) and Mollie payments as
 * GET /v2/payments/{id} returns them.
 */
import { composeIBAN, friendlyFormatIBAN, getCountrySpecifications, isValidIBAN } from 'ibantools';
import { Random } from '../sandbox/random';
import type { Country } from './euCases.countries';

export type Json = Record<string, unknown>;
export interface Invoice {
  number: string;
  amount: { value: string; currency: string };
  state: 'open' | 'late' | 'paid' | 'other';
}
export interface Account {
  id: string;
  name: string;
  emails: string[];
  customerIds: string[];
  invoices?: Invoice[];
  ibans?: string[];
}
export interface World {
  country: Country;
  accounts: Account[];
  year: number;
  style: (year: number, seq: number) => string;
  /** A sequence number no invoice of this world uses yet. */
  freshSeq: () => number;
  /** The sequence numbers already used. */
  used: Set<number>;
}

export const rnd = new Random(Number(process.env.EU_SEED ?? 2_026_0617));

const MAILBOXES: Record<string, string[]> = {
  nl: ['info', 'administratie', 'facturen', 'boekhouding'], en: ['accounts', 'info', 'billing'], de: ['info', 'buchhaltung', 'rechnung', 'kontakt'],
  fr: ['contact', 'compta', 'facturation'], es: ['info', 'administracion', 'contabilidad'], it: ['info', 'amministrazione', 'contabilita'],
  pt: ['geral', 'contabilidade'], sv: ['info', 'ekonomi', 'faktura'], da: ['info', 'bogholderi', 'regnskab'], no: ['post', 'regnskap', 'faktura'],
  fi: ['info', 'laskutus', 'kirjanpito'], pl: ['biuro', 'ksiegowosc', 'faktury'],
};

const ascii = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').replace(/ł/g, 'l');
/** The domain a company registers: its name without the legal form, sometimes with its own letters (an internationalised domain). */
const domainOf = (name: string, legal: string, tld: string, unicode: boolean) => {
  const base = name.slice(0, name.length - legal.length).toLowerCase().replace(/&/g, 'en').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
  return `${unicode ? base : ascii(base)}.${tld}`;
};

export const money = (currency: string, min = 15, max = 4800) => ({ value: `${rnd.int(min, max)}.${String(rnd.int(0, 99)).padStart(2, '0')}`, currency });

/** A valid IBAN of the country (random BBAN of the country's format, check digits computed). */
export const ibanOf = (countryCode: string): string => {
  const spec = getCountrySpecifications()[countryCode === 'IE' ? 'IE' : countryCode];
  const pattern = spec?.bban_regexp ?? '^[0-9]{12}$';
  for (;;) {
    const bban = [...pattern.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)]
      .map(([, set, count]) => {
        const chars = set === 'A-Z' ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : set === '0-9' ? '0123456789' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
        return Array.from({ length: Number(count) }, () => chars[rnd.int(0, chars.length - 1)]).join('');
      })
      .join('');
    const iban = composeIBAN({ countryCode, bban });
    if (iban && isValidIBAN(iban)) return iban;
  }
};
/** An IBAN as people and systems write it: grouped, compact, lower case. */
export const writeIban = (iban: string) => rnd.pick([iban, friendlyFormatIBAN(iban) ?? iban, iban.toLowerCase(), (friendlyFormatIBAN(iban) ?? iban).toLowerCase()]);

let accountSeq = 0;

/** A CRM of `size` accounts in `country`; `invoices` gives each 1–3 open invoices in one numbering style. */
export const makeWorld = (country: Country, size: number, options: { invoices?: boolean; ibans?: boolean; style?: number } = {}): World => {
  const style = options.style === undefined ? rnd.pick(country.styles) : country.styles[options.style % country.styles.length];
  const year = rnd.pick([2025, 2026]);
  const used = new Set<number>();
  const freshSeq = () => {
    let seq = rnd.int(11, 980);
    while (used.has(seq) || [19, 20, 21, 23, 24, 25].includes(seq)) seq = rnd.int(11, 980);
    used.add(seq);
    return seq;
  };
  const names = new Map<string, string>();
  while (names.size < size) {
    const legal = rnd.pick(country.names.legal);
    names.set(`${rnd.pick(country.names.trades)} ${rnd.pick(country.names.surnames)}${legal}`, legal);
  }
  const domains = new Set<string>();
  const accounts = [...names].map(([name, legal]): Account => {
    accountSeq++;
    let domain = domainOf(name, legal, country.tld, rnd.chance(0.15));
    // Two companies of one name (another legal form) have two domains.
    while (domains.has(domain)) domain = domain.replace(/(\.\w+)$/, `-${rnd.int(2, 99)}$1`);
    domains.add(domain);
    const mailboxes = MAILBOXES[country.lang];
    const emails = [`${rnd.pick(mailboxes)}@${domain}`];
    if (rnd.chance(0.35)) emails.push(`${ascii(rnd.pick(country.names.first))}@${domain}`);
    const account: Account = { id: `acc-${accountSeq}`, name, emails, customerIds: [rnd.pick([`C-${rnd.int(1000, 9999)}`, `K${rnd.int(10000, 99999)}`, `CUST-${rnd.int(100, 999)}${accountSeq % 10}`])] };
    if (options.invoices !== false) {
      account.invoices = Array.from({ length: rnd.int(1, 3) }, () => ({ number: style(year, freshSeq()), amount: money(country.currency), state: rnd.pick(['open', 'open', 'late'] as const) }));
    }
    if (options.ibans) account.ibans = [writeIban(ibanOf(country.code))];
    return account;
  });
  return { country, accounts, year, style, freshSeq, used };
};

let paymentSeq = 0;

/** A paid Mollie payment (GET /v2/payments/{id}); `fields` override the defaults. */
export const payment = (country: Country, fields: Json = {}): Json => {
  paymentSeq++;
  const id = `tr_${rnd.alnum(10)}`;
  const method = (fields.method as string | undefined) ?? rnd.pick(['ideal', 'banktransfer', 'creditcard', 'bancontact', 'paypal']);
  const details: Json | null =
    method === 'creditcard'
      ? { cardHolder: 'J. Klant', cardNumber: '6787', cardLabel: 'Mastercard', cardCountryCode: country.code }
      : method === 'paypal'
        ? { consumerName: 'J. Klant', consumerAccount: `payer${paymentSeq}@example.net`, paypalReference: `9AL${rnd.int(10000, 99999)}` }
        : { consumerName: 'J. Klant', consumerAccount: ibanOf(country.code), consumerBic: 'ABNANL2A' };
  return {
    resource: 'payment',
    id,
    mode: 'live',
    createdAt: '2026-03-12T09:14:03+00:00',
    status: 'paid',
    amount: money(country.currency),
    description: `Payment ${rnd.int(100000, 999999)}`,
    method,
    metadata: null,
    profileId: 'pfl_QkEhN94Ba',
    sequenceType: 'oneoff',
    redirectUrl: 'https://shop.example.com/return',
    paidAt: '2026-03-12T09:15:41+00:00',
    details,
    _links: { self: { href: `https://api.mollie.com/v2/payments/${id}`, type: 'application/hal+json' } },
    ...fields,
  };
};

export const mollieCustomer = (fields: Json = {}): Json => ({ resource: 'customer', id: `cst_${rnd.alnum(10)}`, mode: 'live', name: 'J. Klant', email: null, locale: 'nl_NL', metadata: null, createdAt: '2025-11-02T09:00:00+00:00', ...fields });

export const others = (world: World, ...not: Account[]) => world.accounts.filter((account) => !not.includes(account));
export const shuffle = <T>(items: T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};
/** An address line with postcode and city, as the country writes it. */
export const addressOf = (country: Country, houseNumber = rnd.int(2, 180)) => {
  const [postcode, city] = rnd.pick(country.cities);
  return { line: `${country.address(rnd.pick(country.streets), houseNumber)}, ${postcode} ${city}`, postcode, city, houseNumber };
};
