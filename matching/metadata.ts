/**
 * Reading a Mollie payment's (or customer's) metadata: any JSON, or a JSON
 * string, or plain text. Keys are compared folded (case, `_`, `-`, `.`,
 * spaces and diacritics ignored: `InvoiceNumber` = `invoice_number` =
 * `Invoice-No`), nested objects are read with their keys joined
 * (`{"customer": {"id": …}}` is `customerId`), arrays are several values.
 *
 * What a key means follows one grammar per meaning, in the languages of
 * Mollie's markets (see the tables below): `invoiceNumber`, `invoice_no`,
 * `factuurnummer`, `factuurnr`, `rechnungsnummer`, `numero_facture`,
 * `numero_factura`, `numero_fattura`, `fakturanummer`, `laskunumero`,
 * `numer_faktury`… are invoice keys; `orderId`, `bestelnummer`,
 * `Bestellnummer`, `numero_commande`… order keys; `customerId`, `crmId`,
 * `crm_customer_id`, `klantnummer`, `kundennummer`, `numero_client`… customer
 * id keys; any key holding `mail` (and `courriel`, `correo`, `epost`,
 * `sähköposti`) an e-mail key.
 */
import { foldWord } from './vocabulary';

export type KeyMeaning = 'email' | 'invoice' | 'order' | 'customerId';

/** A key as compared: folded. `Customer-ID` → `customerid`. */
export const metadataKey = (key: string): string => foldWord(key);

const alternatives = (words: string[]) =>
  words
    .map(foldWord)
    .sort((a, b) => b.length - a.length)
    .join('|');

const NUMBER_PREFIXES = alternatives([
  'numero',
  'numer',
  'num',
  'nro',
  'nr',
  'no',
  'n',
  'id',
  'ref',
  'cod',
  'codice',
  'codigo',
  'code',
]);
const LINKS = alternatives(['de', 'di', 'da', 'del', 'do', 'du', 'der']);
const NUMBER_SUFFIXES = alternatives([
  'number',
  'numbers',
  'nummer',
  'nummers',
  'numero',
  'numeros',
  'numer',
  'nro',
  'nr',
  'nrs',
  'no',
  'nos',
  'num',
  'id',
  'ids',
  'ref',
  'refs',
  'reference',
  'references',
  'code',
  'key',
]);

/** `[prefix [link]] stem [s] [suffix]`: `numero_de_factura`, `invoice_numbers`, `rechnungsnummer`, `nr_faktury`. */
const grammar = (stems: string[], bare: boolean) =>
  new RegExp(
    `^(?:(?:${NUMBER_PREFIXES})(?:${LINKS})?)?(?:${alternatives(stems)})s?(?:${NUMBER_SUFFIXES})${bare ? '?' : ''}$`,
  );

const INVOICE_STEMS = [
  'invoice',
  'inv',
  'factuur',
  'facturen',
  'rechnung',
  'rechnungen',
  'facture',
  'factures',
  'factura',
  'facturas',
  'fattura',
  'fatture',
  'fatura',
  'faturas',
  'faktura',
  'fakturor',
  'fakturaer',
  'faktury',
  'faktur',
  'lasku',
  'laskun',
  'laskut',
  'szamla',
  'factuurnummer',
];
const ORDER_STEMS = [
  'order',
  'orders',
  'bestelling',
  'bestel',
  'bestellung',
  'bestell',
  'auftrag',
  'auftrags',
  'commande',
  'pedido',
  'ordine',
  'encomenda',
  'beställning',
  'ordre',
  'bestilling',
  'tilaus',
  'zamówienie',
  'zamówienia',
  'cart',
  'basket',
  'winkelwagen',
  'checkout',
  'purchaseorder',
  'po',
  'wcorder',
  'shoporder',
  'webshoporder',
  'woocommerceorder',
  'shopifyorder',
  'magentoorder',
  // Webshop platforms' own names for the order: Magento's `increment_id` and `quote_id`, PrestaShop's `id_cart`.
  'increment',
  'orderincrement',
  'quote',
  'reservedorder',
];
/** Any key ending in an order word is an order key, whatever the platform before it (`lightspeed_order`, `ccv_order_number`). */
const ORDER_KEY_ENDING = new RegExp(
  `(?:${alternatives(['order', 'bestelling', 'bestellung', 'commande', 'pedido', 'ordine', 'ordre', 'bestilling', 'tilaus'])})s?(?:${NUMBER_SUFFIXES}|name|label)?$`,
);
/** Stems that name a customer id also without a suffix (`{"klant": "C-1042"}`). */
const CUSTOMER_STEMS_BARE = [
  'customer',
  'crm',
  'klant',
  'kunde',
  'kund',
  'client',
  'cliente',
  'debiteur',
  'debtor',
  'debitor',
  'asiakas',
  'klient',
  'klienta',
];
/** Stems that name a customer id only with a suffix (`accountId`, `contactId`, not `company`). */
const CUSTOMER_STEMS_SUFFIXED = [
  'crmcustomer',
  'crmaccount',
  'crmcontact',
  'crmcompany',
  'crmorganization',
  'crmperson',
  'crmrecord',
  'account',
  'contact',
  'company',
  'relation',
  'relatie',
  'kunden',
  'member',
  'lid',
  'organization',
  'organisation',
  'org',
  'person',
  'externalcustomer',
  'extcustomer',
  'ordercustomer',
  'billingcustomer',
  'shopcustomer',
  'webshopcustomer',
  'hubspot',
  'hubspotcompany',
  'hubspotcontact',
  'hubspotobject',
  'pipedrive',
  'pipedriveorganization',
  'pipedriveorg',
  'pipedriveperson',
  'moneybird',
  'moneybirdcontact',
];

const INVOICE_KEY = grammar(INVOICE_STEMS, true);
const ORDER_KEY = grammar(ORDER_STEMS, true);
const CUSTOMER_KEY_BARE = grammar(CUSTOMER_STEMS_BARE, true);
const CUSTOMER_KEY = grammar(CUSTOMER_STEMS_SUFFIXED, false);
const EMAIL_WORDS = new Set([
  'courriel',
  'correo',
  'correoelectronico',
  'epost',
  'sahkoposti',
  'sposti',
  'mejl',
  'pec',
  'postaelettronica',
  'emailadres',
]);

/** What a key means, by the grammar above (`extra` adds keys of the caller's own, folded). */
export const meaningOf = (
  key: string,
  extra?: Partial<Record<KeyMeaning, ReadonlySet<string>>>,
): KeyMeaning | undefined => {
  const folded = metadataKey(key);
  for (const meaning of ['email', 'invoice', 'order', 'customerId'] as const)
    if (extra?.[meaning]?.has(folded)) return meaning;
  if (folded.includes('mail') || EMAIL_WORDS.has(folded)) return 'email';
  if (INVOICE_KEY.test(folded)) return 'invoice';
  if (ORDER_KEY.test(folded) || ORDER_KEY_ENDING.test(folded)) return 'order';
  if (CUSTOMER_KEY_BARE.test(folded) || CUSTOMER_KEY.test(folded)) return 'customerId';
  return undefined;
};

const PLURAL_KEY = new RegExp(
  `(?:${alternatives(['facturen', 'rechnungen', 'fatture', 'fakturor', 'fakturaer', 'laskut'])})$|s$`,
);
/** Whether an invoice key names several (`invoices`, `factuurnummers`, `fakturor`): then `1001/1002` is a list. */
export const isPluralKey = (key: string): boolean => PLURAL_KEY.test(metadataKey(key));

/** Keys whose values are never references (phone, address, amount, date, …): not scanned as text. */
const NOT_TEXT =
  /phone|mobile|postcode|postal|zipcode|address|adres|street|straat|city|country|iban|amount|bedrag|betrag|price|prijs|total|date|datum|quantity|aantal|token|hash|currency|status|method|version|session|product|artikel|article|locale|language/;
const NOT_TEXT_EXACT = new Set([
  'tel',
  'zip',
  'plz',
  'ort',
  'land',
  'bic',
  'vat',
  'btw',
  'tax',
  'kvk',
  'qty',
  'url',
  'link',
  'ip',
  'sku',
  'utm',
  'lang',
  'time',
  'mode',
  'ean',
]);
export const isTextKey = (key: string): boolean => {
  const folded = metadataKey(key);
  return !NOT_TEXT.test(folded) && !NOT_TEXT_EXACT.has(folded);
};

export interface MetadataValue {
  /** Where it was read, keys as written: `invoiceNumber`, `customer.id`, `invoices[1]`. */
  path: string;
  /** The keys along the path joined, as compared (`customer.id` → `customerid`); empty for plain-text metadata. */
  key: string;
  /** The key as last written (`id` in `customer.id`), for the plural test. */
  lastKey: string;
  value: string;
}

/** Metadata as a value: a JSON string is parsed; plain text stays text. */
const parsed = (metadata: unknown): unknown => {
  if (typeof metadata !== 'string') return metadata;
  const text = metadata.trim();
  if (!/^[[{"]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const MAX_DEPTH = 4;

/**
 * Every string or number in the metadata, with its path and folded key.
 * Plain-text metadata (not JSON) is one value with an empty key. Depth is
 * bounded; the cost is linear in the size of the metadata.
 */
export const metadataValues = (metadata: unknown): MetadataValue[] => {
  const out: MetadataValue[] = [];
  const walk = (value: unknown, path: string, key: string, lastKey: string, depth: number) => {
    if (typeof value === 'string') {
      if (value.trim()) out.push({ path, key, lastKey, value: value.trim() });
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      out.push({ path, key, lastKey, value: String(value) });
    } else if (Array.isArray(value) && depth < MAX_DEPTH) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, key, lastKey, depth + 1));
    } else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
      for (const [child, inner] of Object.entries(value as Record<string, unknown>)) {
        walk(inner, path ? `${path}.${child}` : child, key + metadataKey(child), child, depth + 1);
      }
    }
  };
  walk(parsed(metadata), '', '', '', 0);
  return out;
};
