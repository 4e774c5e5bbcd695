/**
 * readPayment: the one reading of a Mollie payment, with its customer and
 * mandates. Metadata keys in every spelling and language, JSON-string
 * metadata, nested and array values, and every payment field a fact comes from.
 */
import { meaningOf, readPayment } from '../matching';
import type { MatchPaymentInput } from '../matching';

const base = (fields: Partial<MatchPaymentInput> = {}): MatchPaymentInput => ({
  resource: 'payment',
  id: 'tr_1',
  amount: { value: '121.00', currency: 'EUR' },
  description: 'Webshop',
  method: 'creditcard',
  metadata: null,
  details: null,
  ...fields,
});
const read = (fields: Partial<MatchPaymentInput>, context = {}) => readPayment(base(fields), context);

describe('metadata keys compared without case, "_", "-", "." or accents, in the languages of the markets', () => {
  it.each([
    'invoiceNumber', 'InvoiceNumber', 'invoice_number', 'Invoice-Number', 'INVOICE_NO', 'invoiceNo', 'invoice_nr', 'invoice', 'invoiceId', 'invoice.number',
    'factuurnummer', 'factuurNr', 'Factuur_nummer', 'factuur', 'rechnungsnummer', 'Rechnungsnr', 'Rechnungs_Nummer', 'rechnung',
    'numero_facture', 'numéro_facture', 'nFacture', 'numero_factura', 'numero_de_factura', 'numero_fattura', 'numero_fatura',
    'fakturanummer', 'Fakturanr', 'faktura', 'laskunumero', 'laskunro', 'numer_faktury', 'nr_faktury',
  ])('%s holds an invoice number', (key) => {
    expect(meaningOf(key)).toBe('invoice');
    expect(read({ metadata: { [key]: 'RE-2026-0024' } }).invoices).toEqual([{ number: 'RE-2026-0024', canonical: '2026-24', source: `metadata.${key}` }]);
  });

  it.each([
    'customerId', 'customerID', 'customer_id', 'Customer-ID', 'customer', 'crmId', 'CRM-ID', 'crm_customer_id', 'crmCustomerId', 'accountId', 'contactId', 'companyId',
    'clientId', 'debtorId', 'relationId', 'customerNumber', 'klantnummer', 'Klantnummer', 'klant_nr', 'klant', 'debiteurnummer', 'relatienummer',
    'kundennummer', 'Kunden-Nr', 'kundenr', 'numero_client', 'numero_cliente', 'codice_cliente', 'kundnummer', 'asiakasnumero', 'nr_klienta', 'hubspot_company_id',
  ])('%s holds a CRM customer id', (key) => {
    expect(meaningOf(key)).toBe('customerId');
    expect(read({ metadata: { [key]: ' C-1042 ' } }).customerIds).toEqual([{ value: 'C-1042', source: `metadata.${key}` }]);
  });

  it.each(['orderId', 'order_id', 'orderNumber', 'ORDER-NO', 'order', 'bestelnummer', 'Bestellnummer', 'numero_commande', 'pedido', 'ordine', 'zamowienie', 'po_number', 'cart_id'])(
    '%s holds an order number, never an invoice number',
    (key) => {
      expect(meaningOf(key)).toBe('order');
      const facts = read({ metadata: { [key]: '5520' }, description: '5520' });
      expect(facts.orderNumbers.map((fact) => fact.number)).toEqual(['5520']);
      expect(facts.invoices).toEqual([]);
      expect(facts.unmarkedNumbers).toEqual([]);
    },
  );

  it.each(['email', 'E-mail', 'customer_email', 'billingEmail', 'emailadres', 'courriel', 'correo', 'epost', 'sähköposti'])('%s holds an e-mail address', (key) => {
    expect(meaningOf(key)).toBe('email');
    expect(read({ metadata: { [key]: '"Jan" <JAN@X.NL>' } }).emails).toEqual([{ address: 'jan@x.nl', written: '"Jan" <JAN@X.NL>', source: `metadata.${key}` }]);
  });

  it.each(['invoiceUrl', 'invoiceDate', 'invoice_amount', 'customerName', 'order_total', 'note'])('%s is none of them', (key) => {
    expect(meaningOf(key)).toBeUndefined();
  });

  it('metadata sent as a JSON string is read as JSON', () => {
    const facts = read({ metadata: '{"klant_nr":"K-7781","factuurnummer":"2026-0012","email":"info@x.nl"}' });
    expect(facts.customerIds).toEqual([{ value: 'K-7781', source: 'metadata.klant_nr' }]);
    expect(facts.invoices.map((fact) => fact.number)).toEqual(['2026-0012']);
    expect(facts.emails.map((fact) => fact.address)).toEqual(['info@x.nl']);
  });

  it('nested objects join their keys; arrays are several values; several invoices are several', () => {
    const facts = read({ metadata: { customer: { id: 'C-1', email: 'a@x.nl' }, invoice: { number: 'INV-1' }, invoices: ['2026-0011', '2026-0012'] } });
    expect(facts.customerIds).toEqual([{ value: 'C-1', source: 'metadata.customer.id' }]);
    expect(facts.emails.map((fact) => fact.source)).toEqual(['metadata.customer.email']);
    expect(facts.invoices.map((fact) => [fact.number, fact.source])).toEqual([
      ['INV-1', 'metadata.invoice.number'],
      ['2026-0011', 'metadata.invoices[0]'],
      ['2026-0012', 'metadata.invoices[1]'],
    ]);
  });

  it('a list in one invoice value is several; a plural key makes 1001/1002 a list', () => {
    expect(read({ metadata: { invoiceNumber: '2026-11, 2026-12' } }).invoices.map((fact) => fact.number)).toEqual(['2026-11', '2026-12']);
    expect(read({ metadata: { invoices: '1001/1002' } }).invoices.map((fact) => fact.number)).toEqual(['1001', '1002']);
    expect(read({ metadata: { invoice: '2026/0621' } }).invoices.map((fact) => fact.number)).toEqual(['2026/0621']);
  });

  it('plain-text metadata and other text values are read as text', () => {
    expect(read({ metadata: 'Factuur 2026-0012' }).invoices).toEqual([{ number: '2026-0012', canonical: '2026-12', source: 'metadata' }]);
    expect(read({ metadata: { note: 'Rechnung RE-2026-0024' } }).invoices.map((fact) => fact.source)).toEqual(['metadata.note']);
    expect(read({ metadata: { phone: '+31 20 123 4567', postcode: '1043' } }).unmarkedNumbers).toEqual([]);
  });

  it('the business’s own keys are added to the vocabulary', () => {
    expect(readPayment(base({ metadata: { relnr: 'C-9' } }), { keys: { metadataIdKeys: ['relnr'] } }).customerIds).toEqual([{ value: 'C-9', source: 'metadata.relnr' }]);
    expect(readPayment(base({ metadata: { relnr: 'C-9' } })).customerIds).toEqual([]);
  });
});

describe('the payment’s own fields', () => {
  it('invoice references: metadata keys first, then the description, then other metadata text, without repeats', () => {
    const facts = read({ metadata: { invoiceNumber: '2026-0012', note: 'also factuur 2026-0013' }, description: 'Factuur 2026/12 en 2026-0014' });
    expect(facts.invoices.map((fact) => [fact.number, fact.source])).toEqual([
      ['2026-0012', 'metadata.invoiceNumber'],
      ['2026-0014', 'description'],
      ['2026-0013', 'metadata.note'],
    ]);
  });

  it('a `#` reference that is also an order number is the order number', () => {
    const facts = read({ description: '#5520', metadata: { order_id: 5520 } });
    expect(facts.invoices).toEqual([]);
    expect(facts.orderNumbers.map((fact) => fact.number)).toEqual(['5520']);
  });

  it.each([
    ['billingAddress.email', { billingAddress: { email: '<JAN@X.NL>' } }],
    ['billingEmail', { billingEmail: 'mailto:jan@x.nl' }],
    ['details.billingEmail', { method: 'banktransfer', details: { bankAccount: 'NL53ABNA0627535577', billingEmail: 'Jan <jan@x.nl>' } }],
    ['details.consumerAccount', { method: 'paypal', details: { consumerAccount: "'jan@x.nl'" } }],
  ])('e-mail from %s', (source, fields) => {
    expect(read(fields as Partial<MatchPaymentInput>).emails.map((fact) => [fact.address, fact.source])).toEqual([['jan@x.nl', source]]);
  });

  it.each(['banktransfer', 'directdebit', 'ideal', 'bancontact', 'sofort'])('the payer’s IBAN on %s payments, normalised; Mollie’s own bank account is not the payer’s', (method) => {
    const facts = read({ method, details: { consumerName: 'J. de Vries', consumerAccount: 'nl91 abna 0417 1643 00', bankAccount: 'NL53ABNA0627535577' } });
    expect(facts.payerIban).toEqual({ iban: 'NL91ABNA0417164300', source: 'details.consumerAccount' });
    expect(facts.ibans.map((fact) => fact.iban)).toEqual(['NL91ABNA0417164300']);
    expect(facts.payerName).toEqual({ value: 'J. de Vries', source: 'details.consumerName' });
  });

  it('no IBAN from PayPal, cards, or a value that is not a valid IBAN', () => {
    expect(read({ method: 'paypal', details: { consumerAccount: 'jan@x.nl' } }).ibans).toEqual([]);
    expect(read({ method: 'ideal', details: { consumerAccount: 'NL91ABNA0417164301' } }).ibans).toEqual([]);
    expect(read({ method: 'ideal', details: { consumerAccount: 'NL91ABNA04171643' } }).ibans).toEqual([]);
  });

  it('the mandates’ IBANs follow the payment’s own', () => {
    const mandates = [
      { id: 'mdt_1', method: 'directdebit', details: { consumerAccount: 'DE89 3704 0044 0532 0130 00' } },
      { id: 'mdt_2', method: 'creditcard', details: { cardNumber: '1234' } },
    ];
    const facts = read({ method: 'directdebit', details: { consumerAccount: 'NL91ABNA0417164300' } }, { mandates });
    expect(facts.ibans).toEqual([
      { iban: 'NL91ABNA0417164300', source: 'details.consumerAccount' },
      { iban: 'DE89370400440532013000', source: 'mandates.mdt_1.details.consumerAccount' },
    ]);
    expect(facts.payerIban?.iban).toBe('NL91ABNA0417164300');
  });

  it('the Mollie customer: its id, its e-mail, and the CRM id in its metadata (also as a JSON string)', () => {
    const customer = { id: 'cst_x', name: 'Jan', email: '"Jan" <Jan@X.nl>', metadata: '{"crm_id":"C-5512","note":"vip"}' };
    const facts = read({ customerId: 'cst_x' }, { customer });
    expect(facts.mollieCustomerId).toBe('cst_x');
    expect(facts.customerMetadataIds).toEqual([{ value: 'C-5512', source: 'customer.metadata.crm_id' }]);
    expect(facts.emails).toEqual([{ address: 'jan@x.nl', written: '"Jan" <Jan@X.nl>', source: 'customer.email' }]);
    expect(facts.payerName).toEqual({ value: 'Jan', source: 'customer.name' });
  });

  it('the amount, and nothing from nonsense', () => {
    expect(read({}).amount).toEqual({ value: '121.00', currency: 'EUR' });
    const nothing = readPayment({ amount: { value: 'x' }, description: 42 as unknown as string, metadata: '{broken', details: 'x' as never });
    expect(nothing).toMatchObject({ amount: null, invoices: [], customerIds: [], emails: [], ibans: [], payerIban: null, mollieCustomerId: null, payerName: null });
  });
});
