/**
 * Payment shapes for the one-reading test (test/oneReading.sandbox.test.ts): how each payment is made, and
 * what it says, labelled from how it was built (never from the app): the invoice numbers as written, the
 * CRM customer ID, the payer's e-mail, and which account each key names.
 */
export type Owner = 'A' | 'B';

/** The two accounts every CRM holds: A (Bakkerij de Vries) and B (Fietsen Bos). */
export const ACCOUNTS = {
  A: { name: 'Bakkerij de Vries', customerId: 'K-1001', email: 'jan@bakkerij.example', iban: 'NL91ABNA0417164300' },
  B: { name: 'Fietsen Bos', customerId: 'K-2002', email: 'info@fietsen.example' },
} as const;
export const UNKNOWN_IBAN = 'NL39RABO0300065264';

export interface Made {
  description?: string;
  metadata?: unknown;
  billingAddress?: { email: string };
  /** The payer pays from this IBAN (iDEAL); otherwise by card. */
  iban?: string;
  /** Paid through a payment link made in the Mollie dashboard with this description, or by Create Payment Link for Invoice. */
  link?: 'dashboard' | 'app';
  /** Refunded in part, with this description. */
  refund?: string;
  /** Charged back. */
  chargeback?: true;
}

export interface Shape {
  name: string;
  make: (x: string, y: string) => Made;
  /** The invoice numbers the payment names, as written. */
  invoices: (x: string, y: string) => string[];
  /** The invoices Moneybird holds for it: [number as Moneybird numbers it, owner]. Default: each invoice named, owned by A. */
  crmInvoices?: (x: string, y: string) => Array<[string, Owner]>;
  customerId?: string;
  email?: string;
  /** Order numbers the payment names: Find Payment finds it by none of them. */
  orders?: string[];
}

const none = () => [];
const one = (x: string) => [x];
const two = (x: string, y: string) => [x, y];

export const SHAPES: Shape[] = [
  // Metadata invoice keys in case, `_`, `-` variants and other languages; metadata as a JSON string.
  { name: 'metadata invoiceNumber', make: (x) => ({ description: 'Webshop', metadata: { invoiceNumber: x } }), invoices: one },
  { name: 'metadata InvoiceNumber', make: (x) => ({ description: 'Webshop', metadata: { InvoiceNumber: x } }), invoices: one },
  { name: 'metadata invoice_number', make: (x) => ({ description: 'Webshop', metadata: { invoice_number: x } }), invoices: one },
  { name: 'metadata invoice-number', make: (x) => ({ description: 'Webshop', metadata: { 'invoice-number': x } }), invoices: one },
  { name: 'metadata INVOICE_NO', make: (x) => ({ description: 'Webshop', metadata: { INVOICE_NO: x } }), invoices: one },
  { name: 'metadata factuurnummer (NL)', make: (x) => ({ description: 'Webshop', metadata: { factuurnummer: x } }), invoices: one },
  { name: 'metadata Factuur-Nr (NL)', make: (x) => ({ description: 'Webshop', metadata: { 'Factuur-Nr': x } }), invoices: one },
  { name: 'metadata Rechnungsnummer (DE)', make: (x) => ({ description: 'Webshop', metadata: { Rechnungsnummer: x } }), invoices: one },
  { name: 'metadata numero_facture (FR)', make: (x) => ({ description: 'Webshop', metadata: { numero_facture: x } }), invoices: one },
  { name: 'metadata as a JSON string', make: (x) => ({ description: 'Webshop', metadata: JSON.stringify({ invoiceNumber: x }) }), invoices: one },
  { name: 'metadata invoices: a list of two', make: (x, y) => ({ description: 'Webshop', metadata: { invoices: [x, y] } }), invoices: two },
  { name: 'metadata invoiceNumber holding two', make: (x, y) => ({ description: 'Webshop', metadata: { invoiceNumber: `${x}, ${y}` } }), invoices: two },
  // CRM customer ids under other keys.
  { name: 'metadata customerId', make: () => ({ description: 'Webshop', metadata: { customerId: 'K-1001' } }), invoices: none, customerId: 'K-1001' },
  { name: 'metadata customerID, charged back', make: () => ({ description: 'Webshop', metadata: { customerID: 'K-1002' }, chargeback: true }), invoices: none, customerId: 'K-1002' },
  { name: 'metadata crmId', make: () => ({ description: 'Webshop', metadata: { crmId: 'K-1001' } }), invoices: none, customerId: 'K-1001' },
  { name: 'metadata crm_customer_id', make: () => ({ description: 'Webshop', metadata: { crm_customer_id: 'K-2002' } }), invoices: none, customerId: 'K-2002' },
  { name: 'metadata klantnummer (NL)', make: () => ({ description: 'Webshop', metadata: { klantnummer: 'K-1001' } }), invoices: none, customerId: 'K-1001' },
  { name: 'metadata Kundennummer (DE)', make: () => ({ description: 'Webshop', metadata: { Kundennummer: 'K-1001' } }), invoices: none, customerId: 'K-1001' },
  { name: 'metadata numero_client (FR)', make: () => ({ description: 'Webshop', metadata: { numero_client: 'K-2002' } }), invoices: none, customerId: 'K-2002' },
  { name: 'metadata customer.id (nested)', make: () => ({ description: 'Webshop', metadata: { customer: { id: 'K-1001' } } }), invoices: none, customerId: 'K-1001' },
  // Order numbers are never invoice numbers.
  { name: 'metadata orderNumber', make: () => ({ description: 'Webshop', metadata: { orderNumber: '5520' } }), invoices: none, orders: ['5520'] },
  { name: 'description Order #5521', make: () => ({ description: 'Order #5521' }), invoices: none, orders: ['5521'] },
  { name: 'description Bestelling 5522 (NL)', make: () => ({ description: 'Bestelling 5522' }), invoices: none, orders: ['5522'] },
  { name: 'invoice and order number in the description', make: (x) => ({ description: `Invoice ${x}, order 5523` }), invoices: one, orders: ['5523'] },
  { name: 'metadata invoice and orderId', make: (x) => ({ description: 'Webshop', metadata: { invoiceNumber: x, orderId: '5524' } }), invoices: one, orders: ['5524'] },
  // Invoices in the description, in the languages of Mollie's markets, with noise around them.
  { name: 'Factuur (NL)', make: (x) => ({ description: `Factuur ${x}` }), invoices: one },
  // Moneybird numbers this invoice with its letters (finding RE-2026-0024 as Moneybird's 2026-0024 is issue 18 item 4).
  { name: 'Rechnung RE- (DE, letters)', make: (x) => ({ description: `Rechnung RE-${x}` }), invoices: (x) => [`RE-${x}`] },
  { name: 'Facture n° (FR)', make: (x) => ({ description: `Facture n° ${x}` }), invoices: one },
  { name: 'Factura n.º (ES/PT)', make: (x) => ({ description: `Factura n.º ${x}` }), invoices: one },
  { name: 'Fattura (IT)', make: (x) => ({ description: `Fattura ${x}` }), invoices: one },
  { name: 'Faktura (SV/PL)', make: (x) => ({ description: `Faktura ${x}` }), invoices: one },
  { name: 'Fakturanr. (DA/NO)', make: (x) => ({ description: `Fakturanr. ${x}` }), invoices: one },
  { name: 'Lasku (FI)', make: (x) => ({ description: `Lasku ${x}` }), invoices: one },
  { name: 'postcode beside the invoice', make: (x) => ({ description: `Factuur ${x}, 1050 Etterbeek` }), invoices: one },
  { name: 'VAT rate beside the invoice', make: (x) => ({ description: `Factuur ${x} + 21% btw` }), invoices: one },
  { name: 'two invoices in the description', make: (x, y) => ({ description: `Invoices ${x} and ${y}` }), invoices: two },
  { name: 'two invoices in Dutch', make: (x, y) => ({ description: `Factuur ${x} en ${y}` }), invoices: two },
  { name: 'metadata and description naming two', make: (x, y) => ({ description: `Factuur ${y}`, metadata: { invoice: x } }), invoices: two },
  // A customer ID naming one account, the invoice another; and keys that agree.
  { name: 'crmId of B, invoice of A', make: (x) => ({ description: 'Webshop', metadata: { crmId: 'K-2002', invoiceNumber: x } }), invoices: one, customerId: 'K-2002' },
  { name: 'klantnummer of B, Factuur of A', make: (x) => ({ description: `Factuur ${x}`, metadata: { klantnummer: 'K-2002' } }), invoices: one, customerId: 'K-2002' },
  { name: 'crm_customer_id of A, e-mail of B', make: () => ({ description: 'Webshop', metadata: { crm_customer_id: 'K-1001' }, billingAddress: { email: 'info@fietsen.example' } }), invoices: none, customerId: 'K-1001', email: 'info@fietsen.example' },
  { name: 'customerId of B, IBAN of A', make: () => ({ description: 'Webshop', metadata: { customerId: 'K-2002' }, iban: ACCOUNTS.A.iban }), invoices: none, customerId: 'K-2002' },
  { name: 'customerId and invoice of A', make: (x) => ({ description: 'Webshop', metadata: { customerId: 'K-1001', invoiceNumber: x } }), invoices: one, customerId: 'K-1001' },
  // E-mails in the forms payer data holds them.
  { name: 'e-mail with a display name', make: () => ({ description: 'Webshop', billingAddress: { email: '"Jan de Vries" <JAN@Bakkerij.example>' } }), invoices: none, email: 'jan@bakkerij.example' },
  { name: 'e-mail in angle brackets, upper case', make: () => ({ description: 'Webshop', billingAddress: { email: '<INFO@FIETSEN.EXAMPLE>' } }), invoices: none, email: 'info@fietsen.example' },
  { name: 'metadata e-mail with mailto:', make: () => ({ description: 'Webshop', metadata: { email: 'mailto:jan@bakkerij.example' } }), invoices: none, email: 'jan@bakkerij.example' },
  { name: 'metadata customerEmail with a name', make: () => ({ description: 'Webshop', metadata: { customerEmail: 'Jan <jan@bakkerij.example>' } }), invoices: none, email: 'jan@bakkerij.example' },
  { name: 'an e-mail no account has', make: () => ({ description: 'Webshop', billingAddress: { email: 'nobody@nowhere.example' } }), invoices: none, email: 'nobody@nowhere.example' },
  // IBAN payers.
  { name: 'paid from the IBAN of A', make: () => ({ description: 'Webshop', iban: ACCOUNTS.A.iban }), invoices: none },
  { name: 'paid from an IBAN no account has', make: () => ({ description: 'Webshop', iban: UNKNOWN_IBAN }), invoices: none },
  // Refunds: "Refund order #5571" is no invoice 5571; the refund belongs to its payment's invoice.
  { name: 'refunded: "Refund order #5571"', make: (x) => ({ description: `Factuur ${x}`, refund: 'Refund order #5571' }), invoices: one },
  // Payment links: the link shows the invoice its payment shows.
  { name: 'dashboard-made payment link', make: (x) => ({ description: `Factuur ${x}`, link: 'dashboard' }), invoices: one },
  { name: 'payment link made by the app', make: (x) => ({ description: x, link: 'app' }), invoices: one },
  // Nothing to go on.
  { name: 'nothing but words', make: () => ({ description: 'Webshop' }), invoices: none },
];

/** Which accounts a shape's keys name in a CRM (invoices only where the CRM holds them: Moneybird). */
export const namedBy = (shape: Shape, made: Made, crmInvoices: Array<[string, Owner]>, invoicesCount: boolean): Set<Owner> => {
  const named = new Set<Owner>();
  const owner = (key: 'customerId' | 'email', value?: string) => (Object.keys(ACCOUNTS) as Owner[]).find((name) => ACCOUNTS[name][key] === value);
  const byId = owner('customerId', shape.customerId);
  const byEmail = owner('email', shape.email);
  if (byId) named.add(byId);
  if (byEmail) named.add(byEmail);
  if (made.iban === ACCOUNTS.A.iban) named.add('A');
  if (invoicesCount) for (const [, invoiceOwner] of crmInvoices) named.add(invoiceOwner);
  return named;
};
