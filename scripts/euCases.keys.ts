/**
 * Case kinds about the other keys: e-mails in the forms payer data holds
 * them, the payer's IBAN (payment, mandate, shared, unknown), metadata keys
 * in many spellings and languages, the Mollie customer's metadata, and
 * conflicts between keys. Labels come from how each case is built.
 */
import { composeIBAN, electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { domainToASCII, domainToUnicode } from 'node:url';
import type { Country } from './euCases.countries';
import { invoiceOf, invoiceText, withEmail, type KindSpec } from './euCases.invoices';
import { ibanOf, makeWorld, mollieCustomer, payment, rnd, shuffle, writeIban, type Account } from './euCases.world';

const WRAPS: Array<(email: string, name: string) => string> = [
  (e, n) => `"${n}" <${e}>`,
  (e) => `<${e.toUpperCase()}>`,
  (e) => `mailto:${e}`,
  (e) => `'${e}'`,
  (e, n) => `${n} <${e}>`,
  (e) => e.toUpperCase(),
  (e) => `<mailto:${e}>`,
  (e) => ` ${e.replace(/^./, (first) => first.toUpperCase())} `,
  (e) => `"${e}"`,
  (e, n) => `${n} <MAILTO:${e.toUpperCase()}>`,
];

const wrapped: KindSpec = {
  kind: 'email-wrapped',
  count: 16,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 8), { invoices: rnd.chance(0.5) });
    const truth = rnd.pick(world.accounts);
    const written = rnd.pick(WRAPS)(rnd.pick(truth.emails), truth.name);
    const where = rnd.int(0, 2);
    if (where === 0) return { why: 'the payer e-mail in a wrapped form', payment: payment(c, { ...withEmail(c, written), description: `Order ${rnd.int(1000, 9999)}` }), accounts: world.accounts, expected: truth.id };
    if (where === 1) {
      const customer = mollieCustomer({ email: written });
      return { why: 'the Mollie customer e-mail in a wrapped form', payment: payment(c, { customerId: customer.id, description: 'Abonnement' }), customer, accounts: world.accounts, expected: truth.id };
    }
    return { why: 'the metadata e-mail in a wrapped form', payment: payment(c, { metadata: { [rnd.pick(['email', 'customer_email', 'E-mail', 'billingEmail', 'courriel'])]: written } }), accounts: world.accounts, expected: truth.id };
  },
};

const idn: KindSpec = {
  kind: 'email-idn',
  count: 8,
  countries: ['DE', 'AT', 'SE', 'FI', 'FR', 'PL', 'DK', 'NO'],
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 6), { invoices: false });
    const truth = rnd.pick(world.accounts);
    const unicode = `${rnd.pick(['müller-bäckerei', 'kött-och-fisk', 'pâtisserie-léa', 'wiśniewski-stolarz', 'mäkinen-sähkö', 'blomster-ø', 'smørbrød-hansen'])}.${c.tld}`;
    const local = rnd.pick(['info', 'kontakt', 'post']);
    truth.emails = [rnd.chance(0.5) ? `${local}@${unicode}` : `${local}@${domainToASCII(unicode)}`];
    const paid = truth.emails[0].includes('xn--') ? `${local}@${domainToUnicode(domainToASCII(unicode))}` : `${local.toUpperCase()}@${domainToASCII(unicode)}`;
    return { why: 'the same address with its domain in Unicode and in punycode', payment: payment(c, { ...withEmail(c, paid), description: `Order ${rnd.int(1000, 9999)}` }), accounts: world.accounts, expected: truth.id };
  },
};

const typo: KindSpec = {
  kind: 'email-typo',
  count: 6,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 6), { invoices: false });
    const truth = rnd.pick(world.accounts);
    const [local, domain] = truth.emails[0].split('@');
    const wrong = rnd.pick([`${local}@${domain.replace(/\.(\w+)$/, '.com')}`, `${local.slice(1)}@${domain}`, `${local}@${domain.replace(/^(.)(.)/, '$2$1')}`]);
    return { why: 'a mistyped address, however wrapped, is no match', payment: payment(c, { ...withEmail(c, rnd.pick(WRAPS)(wrong, truth.name)), description: `Order ${rnd.int(1000, 9999)}` }), accounts: world.accounts, expected: null };
  },
};

const ibanPayment = (c: Country, iban: string, fields = {}) => payment(c, { method: rnd.pick(['ideal', 'banktransfer', 'directdebit', 'bancontact']), details: { consumerName: 'J. Klant', consumerAccount: iban, consumerBic: 'ABNANL2A' }, description: `Order ${rnd.int(1000, 9999)}`, ...fields });

const ibanMatch: KindSpec = {
  kind: 'iban-match',
  count: 14,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 8), { ibans: true, invoices: rnd.chance(0.5) });
    const truth = rnd.pick(world.accounts);
    return { why: "the payer's IBAN is held on one account", payment: ibanPayment(c, electronicFormatIBAN(truth.ibans![0])!), accounts: world.accounts, expected: truth.id };
  },
};

const ibanMandate: KindSpec = {
  kind: 'iban-mandate',
  count: 8,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 6), { ibans: true, invoices: false });
    const truth = rnd.pick(world.accounts);
    const customer = mollieCustomer();
    const mandate = { resource: 'mandate', id: `mdt_${rnd.alnum(10)}`, mode: 'live', status: 'valid', method: 'directdebit', details: { consumerName: truth.name, consumerAccount: writeIban(electronicFormatIBAN(truth.ibans![0])!), consumerBic: 'INGBNL2A' }, mandateReference: `MD-${rnd.int(1000, 9999)}`, signatureDate: '2025-10-01', createdAt: '2025-10-01T10:00:00+00:00' };
    const paid = payment(c, { method: 'creditcard', sequenceType: 'recurring', customerId: customer.id, mandateId: mandate.id, description: `Subscription ${rnd.int(10, 99)}/2026` });
    return { why: "the customer's mandate IBAN is held on one account", payment: paid, customer, mandates: [mandate], accounts: world.accounts, expected: truth.id };
  },
};

const ibanShared: KindSpec = {
  kind: 'iban-shared',
  count: 10,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 7), { ibans: true });
    const [truth, sibling] = shuffle(world.accounts);
    sibling.ibans = [writeIban(electronicFormatIBAN(truth.ibans![0])!)];
    if (rnd.chance(0.5)) return { why: 'an IBAN on two accounts decides nothing alone', payment: ibanPayment(c, truth.ibans![0]), accounts: world.accounts, expected: null };
    const invoice = invoiceOf(truth);
    return { why: 'an IBAN on two accounts, the invoice picks one', payment: ibanPayment(c, truth.ibans![0], { description: invoiceText(c, invoice.number), amount: invoice.amount }), accounts: world.accounts, expected: truth.id };
  },
};

/** A valid IBAN of the same bank as `iban` that differs in the last digits of the account. */
const nearIban = (iban: string): string => {
  for (;;) {
    const bban = iban.slice(4, -3) + String(rnd.int(0, 999)).padStart(3, '0');
    const near = composeIBAN({ countryCode: iban.slice(0, 2), bban });
    if (near && near !== iban && isValidIBAN(near)) return near;
  }
};

const ibanUnknown: KindSpec = {
  kind: 'iban-not-held',
  count: 6,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 6), { ibans: true, invoices: false });
    const truth = rnd.pick(world.accounts);
    const iban = rnd.chance(0.5) ? nearIban(electronicFormatIBAN(truth.ibans![0])!) : ibanOf(c.code);
    return { why: 'an IBAN no account holds (one differs only in its last digits): never partial', payment: ibanPayment(c, iban), accounts: world.accounts, expected: null };
  },
};

const INVOICE_KEYS = ['invoiceNumber', 'invoice_number', 'Invoice-Number', 'INVOICE_NO', 'invoiceNo', 'factuurnummer', 'factuurNr', 'Factuur_nummer', 'rechnungsnummer', 'Rechnungsnr', 'numero_facture', 'numéro_facture', 'numero_factura', 'numero_fattura', 'fakturanummer', 'Fakturanr', 'laskunumero', 'numer_faktury', 'invoice'];
const ID_KEYS = ['customerId', 'customer_id', 'CustomerID', 'customer-id', 'crmId', 'crm_customer_id', 'CRM-ID', 'klantnummer', 'Klantnummer', 'kundennummer', 'Kunden-Nr', 'numero_client', 'clientId', 'debiteurnummer', 'kundnummer', 'asiakasnumero'];

const metadataFor = (truth: Account) => {
  if (rnd.chance(0.5) && truth.invoices) {
    const invoice = invoiceOf(truth);
    return { metadata: { source: 'webshop', [rnd.pick(INVOICE_KEYS)]: rnd.pick([invoice.number, invoice.number.toLowerCase(), ` ${invoice.number} `]) }, amount: invoice.amount };
  }
  const id = truth.customerIds[0];
  const value = rnd.pick([id, id.toLowerCase(), ` ${id} `]);
  return { metadata: rnd.chance(0.2) ? { customer: { id: value, name: truth.name } } : { order_id: String(rnd.int(1000, 9999)), [rnd.pick(ID_KEYS)]: value } };
};

const metadataKeys: KindSpec = {
  kind: 'metadata-keys',
  count: 16,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 8));
    const truth = rnd.pick(world.accounts);
    return { why: 'an invoice number or customer id under a metadata key of any spelling', payment: payment(c, metadataFor(truth)), accounts: world.accounts, expected: truth.id };
  },
};

const metadataString: KindSpec = {
  kind: 'metadata-json-string',
  count: 8,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 8));
    const truth = rnd.pick(world.accounts);
    const fields = metadataFor(truth);
    return { why: 'metadata sent as a JSON string', payment: payment(c, { ...fields, metadata: JSON.stringify(fields.metadata) }), accounts: world.accounts, expected: truth.id };
  },
};

const customerMetadata: KindSpec = {
  kind: 'customer-metadata',
  count: 10,
  build: (c) => {
    const world = makeWorld(c, rnd.int(3, 8), { invoices: false });
    const truth = rnd.pick(world.accounts);
    const meta = { [rnd.pick(['crmId', 'crm_customer_id', 'customerId', 'klantnummer', 'hubspot_company_id'])]: truth.customerIds[0] };
    const customer = mollieCustomer({ metadata: rnd.chance(0.3) ? JSON.stringify(meta) : meta });
    return { why: "the CRM id in the Mollie customer's metadata", payment: payment(c, { customerId: customer.id, sequenceType: rnd.pick(['oneoff', 'recurring']) }), customer, accounts: world.accounts, expected: truth.id };
  },
};

const conflicts: KindSpec[] = [
  { kind: 'conflict-id-invoice', count: 8, build: (c) => {
    const world = makeWorld(c, rnd.int(3, 7));
    const [a, b] = shuffle(world.accounts);
    const invoice = invoiceOf(b);
    return { why: "a customer id naming one account, the invoice another's", payment: payment(c, { metadata: { [rnd.pick(ID_KEYS)]: a.customerIds[0] }, description: invoiceText(c, invoice.number), amount: invoice.amount }), accounts: world.accounts, expected: null };
  } },
  { kind: 'conflict-customer-metadata-email', count: 6, build: (c) => {
    const world = makeWorld(c, rnd.int(3, 7), { invoices: false });
    const [a, b] = shuffle(world.accounts);
    const customer = mollieCustomer({ metadata: { crmId: a.customerIds[0] } });
    return { why: "the Mollie customer's CRM id names one account, the e-mail another", payment: payment(c, { ...withEmail(c, b.emails[0]), customerId: customer.id }), customer, accounts: world.accounts, expected: null };
  } },
  { kind: 'conflict-iban-invoice', count: 6, build: (c) => {
    const world = makeWorld(c, rnd.int(3, 7), { ibans: true });
    const [a, b] = shuffle(world.accounts);
    const invoice = invoiceOf(b);
    return { why: "the payer's IBAN is one account's, the invoice another's", payment: ibanPayment(c, a.ibans![0], { description: invoiceText(c, invoice.number), amount: invoice.amount }), accounts: world.accounts, expected: null };
  } },
  { kind: 'conflict-invoice-email', count: 6, build: (c) => {
    const world = makeWorld(c, rnd.int(3, 7));
    const [a, b] = shuffle(world.accounts);
    const invoice = invoiceOf(a);
    return { why: 'the invoice names one account, the wrapped e-mail another', payment: payment(c, { ...withEmail(c, rnd.pick(WRAPS)(b.emails[0], b.name)), description: invoiceText(c, invoice.number), amount: invoice.amount }), accounts: world.accounts, expected: null };
  } },
];

export const KEY_KINDS: KindSpec[] = [wrapped, idn, typo, ibanMatch, ibanMandate, ibanShared, ibanUnknown, metadataKeys, metadataString, customerMetadata, ...conflicts];
