/**
 * The words payers, shops and accounting packages write around numbers, in
 * the languages of Mollie's markets: NL, EN, DE, FR, ES, IT, PT, SV, DA, NO,
 * FI, PL (and a few neighbours: CS/SK, HU, RO, HR/SL, ET, LV, LT, EL).
 *
 * Every word is stored folded (`foldWord`): lower case, diacritics removed,
 * dots, hyphens, apostrophes and underscores dropped, so `Rechnungs-Nr.`,
 * `Re.-Nr.`, `Fakt.nr`, `Nº` and `n°` each meet one entry.
 */

/** Lower case, diacritics removed, `.`, `-`, `_`, apostrophes and spaces dropped: `Rechnungs-Nr.` → `rechnungsnr`. */
export const foldWord = (word: string): string =>
  word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s._'’-]+/g, '');

const set = (...lists: string[][]): ReadonlySet<string> => new Set(lists.flat().map(foldWord));

/** Words that say "invoice" (singular), per language. */
export const INVOICE_WORDS_SINGULAR: Record<string, string[]> = {
  en: ['invoice', 'inv', 'invoiceno', 'invoicenr', 'invoicenumber', 'invno', 'invnr', 'invoiceref'],
  nl: ['factuur', 'factuurnummer', 'factuurnr', 'fact', 'factnr', 'fnr', 'fac', 'nota', 'notanummer'],
  de: ['rechnung', 'rechnungsnummer', 'rechnungsnr', 'renr', 'rgnr', 'rechnr', 'rnr', 'rg'],
  fr: ['facture', 'numfacture'],
  es: ['factura', 'fra', 'numfactura'],
  it: ['fattura', 'fatt'],
  pt: ['fatura', 'factura'],
  sv: ['faktura', 'fakturan', 'fakturanr', 'fakturanummer', 'faktnr', 'fakt'],
  da: ['faktura', 'fakturaen', 'fakturanr', 'fakturanummer'],
  no: ['faktura', 'fakturaen', 'fakturanr', 'fakturanummer'],
  fi: ['lasku', 'laskun', 'laskua', 'laskunumero', 'laskunro', 'laskunumeron'],
  pl: ['faktura', 'fakture', 'fakturze', 'fakturanr', 'fv', 'fvat'],
  other: ['faktúra', 'számla', 'számlaszám', 'factură', 'račun', 'arve', 'rēķins', 'sąskaita', 'τιμολόγιο'],
};

/** Words that say "invoices" (or "of the invoices"): what follows may be a list. */
export const INVOICE_WORDS_PLURAL: Record<string, string[]> = {
  en: ['invoices', 'invoicenumbers'],
  nl: ['facturen', 'factuurnummers', 'factuurnrs'],
  de: ['rechnungen', 'rechnungsnummern'],
  fr: ['factures'],
  es: ['facturas'],
  it: ['fatture'],
  pt: ['faturas', 'facturas'],
  sv: ['fakturor', 'fakturorna', 'fakturanummer'],
  da: ['fakturaer', 'fakturaerne'],
  no: ['fakturaer', 'fakturaene'],
  fi: ['laskut', 'laskuja', 'laskujen', 'laskunumerot'],
  pl: ['faktury', 'faktur', 'fakturami', 'fakturach'],
  other: ['számlák', 'facturi', 'arved'],
};

export const INVOICE_WORDS = set(...Object.values(INVOICE_WORDS_SINGULAR), ...Object.values(INVOICE_WORDS_PLURAL));
export const PLURAL_INVOICE_WORDS = set(...Object.values(INVOICE_WORDS_PLURAL));

/**
 * Short codes accounting packages put before an invoice number, which mark it
 * only in capitals (`RE-2026-0024`, `FV/2026/0365`, `F2024-0012`, `FT 2026/123`),
 * while `re`, `fa` or `ft` in running text mean nothing.
 */
export const INVOICE_CODES_UPPER: ReadonlySet<string> = new Set(['F', 'RE', 'RG', 'FV', 'VF', 'FA', 'FVAT', 'FT', 'INV']);
/** Longer invoice words that mark a number glued to them in any case: `inv2024.0012`, `Factuur2026-12`. */
export const INVOICE_CODES_ANY_CASE = set(['inv', 'invoice', 'fac', 'fact', 'factuur', 'facture', 'factura', 'fattura', 'fatura', 'faktura', 'rechnung', 'lasku']);

/** Words that introduce an order number: an order number is never an invoice number. */
export const ORDER_WORDS = set(
  ['order', 'orders', 'orderno', 'ordernr', 'ordernumber', 'orderid', 'purchaseorder', 'webshoporder', 'shoporder', 'po', 'ponr', 'ponumber'],
  ['bestelling', 'bestellingen', 'bestelnummer', 'bestelnr', 'ordernummer'],
  ['bestellung', 'bestellungen', 'bestellnummer', 'bestellnr', 'bestnr', 'auftrag', 'auftrags', 'auftragsnummer', 'auftragsnr', 'auftrnr'],
  ['commande', 'commandes', 'cde', 'cmd', 'numcommande'],
  ['pedido', 'pedidos'],
  ['ordine', 'ordini'],
  ['encomenda', 'encomendas'],
  ['beställning', 'beställningar', 'beställningsnummer', 'ordernr'],
  ['ordre', 'ordrer', 'ordrenr', 'ordrenummer', 'bestilling', 'bestillinger', 'bestillingsnummer'],
  ['tilaus', 'tilauksen', 'tilausnumero', 'tilausnro'],
  ['zamówienie', 'zamówienia', 'zamówieniu', 'zam'],
  ['objednávka', 'megrendelés', 'comanda'],
);
/** Upper-case codes that mark an order number: `PO 4711`, `ORD-5520`. */
export const ORDER_CODES_UPPER: ReadonlySet<string> = new Set(['PO', 'ORD', 'ORDER', 'BST', 'CMD', 'PED', 'SO', 'WO']);

/** Words that introduce the payer's number in the shop's books (a customer number is not an invoice). */
export const CUSTOMER_WORDS = set(
  ['customer', 'customerno', 'customernr', 'customernumber', 'customerid', 'cust', 'custno', 'client', 'clientnr', 'clientno', 'account', 'accountno', 'accountnumber'],
  ['klant', 'klantnummer', 'klantnr', 'klnr', 'klantcode', 'klantid', 'deb', 'rel', 'knr', 'debiteur', 'debiteurnummer', 'debiteurnr', 'relatie', 'relatienummer', 'relatienr', 'clientnummer'],
  ['kunde', 'kunden', 'kundennummer', 'kundennr', 'kdnr', 'kd', 'debitor', 'debitorennummer'],
  ['numclient', 'cliente', 'numcliente', 'codcliente', 'codicecliente'],
  ['kund', 'kundnummer', 'kundnr', 'kundenummer', 'kundenr'],
  ['asiakas', 'asiakasnumero', 'asiakasnro'],
  ['klient', 'klienta', 'nrklienta'],
);

/** Words that introduce other references that are not invoices: contracts, memberships, bookings, quotes, credit notes… */
export const OTHER_REFERENCE_WORDS = set(
  ['contract', 'contractnummer', 'vertrag', 'vertragsnummer', 'contrat', 'contrato', 'contratto', 'kontrakt', 'avtal', 'aftale', 'avtale', 'sopimus', 'umowa', 'agreement'],
  ['lid', 'lidnummer', 'member', 'membership', 'mitglied', 'mitgliedsnummer', 'membre', 'socio', 'medlem', 'medlemsnummer', 'jäsen', 'jäsennumero', 'lidmaatschap'],
  ['dossier', 'dossiernummer', 'polis', 'polisnummer', 'police', 'policy', 'ticket', 'case', 'zaak', 'zaaknummer', 'aktenzeichen', 'az'],
  ['booking', 'boeking', 'reservering', 'reservation', 'buchung', 'buchungsnummer', 'reserva', 'prenotazione', 'bokning', 'varaus', 'rezerwacja'],
  ['offerte', 'quote', 'quotation', 'angebot', 'angebotsnummer', 'devis', 'presupuesto', 'preventivo', 'orçamento', 'offert', 'tilbud', 'tarjous', 'oferta'],
  ['creditnota', 'creditfactuur', 'creditnote', 'credit', 'gutschrift', 'avoir', 'abono', 'notadecredito', 'kreditnota', 'hyvityslasku', 'korekta'],
  ['abonnement', 'abo', 'subscription', 'abbonamento', 'suscripcion', 'prenumeration', 'tilaajanumero', 'termijn', 'rate', 'installment'],
  ['artikel', 'artikelnummer', 'artnr', 'article', 'sku', 'ean', 'item'],
  // Periods (`Week 48`, `KW 48`, `Periode 11`), instalments (`Abschlag 3`), the account or object a utility bills (`Vertragskonto 3311`).
  ['week', 'wk', 'kw', 'kalenderwoche', 'woche', 'uke', 'vecka', 'viikko', 'semaine', 'semana', 'settimana', 'periode', 'period', 'periodo', 'quartal', 'kwartaal', 'trimestre'],
  ['abschlag', 'abschlagszahlung', 'teilzahlung', 'anzahlung', 'aanbetaling', 'echeance', 'acompte', 'delbetaling', 'osamaksu', 'vorgang', 'vorgangsnummer'],
  ['kundenkonto', 'vertragskonto', 'debitorenkonto', 'zahler', 'zählernummer', 'zaehlernummer', 'meternummer', 'objekt', 'objektnummer', 'mietobjekt', 'liegenschaft', 'aansluiting', 'ean'],
  ['transactie', 'transaction', 'transaktion', 'transactionid', 'tx', 'trx', 'beleg', 'quittung', 'receipt', 'bon', 'kassenbon', 'kvitto', 'kvittering', 'kuitti'],
);

/** Words that introduce a structured payment reference (never an invoice number): KID, OCR, viite, gestructureerde mededeling, SEPA tags… */
export const PAYMENT_REFERENCE_WORDS = set(
  ['kid', 'kidnr', 'ocr', 'ocrnr', 'ocrnummer', 'viite', 'viitenumero', 'viitenro', 'fik'],
  ['betalingskenmerk', 'betaalkenmerk', 'betalingsreferentie', 'mededeling', 'gestructureerdemededeling'],
  ['eref', 'mref', 'kref', 'cred', 'endtoend', 'endtoendid', 'e2e', 'mandaat', 'mandaatreferentie', 'mandaatid', 'mandat', 'mandatsreferenz', 'mandate', 'mandateid', 'machtiging', 'machtigingskenmerk'],
  ['glaubigerid', 'gläubigerid', 'creditorid', 'incassantid', 'sepa', 'iban', 'bic', 'swift', 'rekening', 'rekeningnummer', 'konto', 'kontonummer', 'kontonr', 'compte', 'cuenta', 'conto', 'konto'],
);

/** Words that introduce a phone number. */
export const PHONE_WORDS = set(['tel', 'telefoon', 'telefoonnummer', 'telefon', 'telefonnummer', 'phone', 'telephone', 'téléphone', 'tél', 'tlf', 'tfn', 'puh', 'puhelin', 'mob', 'mobiel', 'mobil', 'mobile', 'gsm', 'móvil', 'movil', 'cell', 'handy', 'fax', 'whatsapp', 'telefono', 'telemóvel', 'telefonu']);

/** Words that introduce a company or tax number, or a VAT rate (`btw 21`, `BTW NL123456789B01`, `MwSt 19`). */
export const COMPANY_ID_WORDS = set(
  ['kvk', 'kvknr', 'kvknummer', 'btw', 'btwnr', 'btwnummer', 'btwid', 'vat', 'vatno', 'vatnr', 'vatnumber', 'vatid', 'ondernemingsnummer', 'kbo', 'rpr'],
  ['ust', 'ustid', 'ustidnr', 'ustidnummer', 'mwst', 'steuernummer', 'stnr', 'hrb', 'hra', 'handelsregister', 'uid'],
  ['tva', 'siret', 'siren', 'rcs', 'nif', 'cif', 'nie', 'iva', 'piva', 'partitaiva', 'codicefiscale', 'nipc'],
  ['orgnr', 'organisationsnummer', 'organisasjonsnummer', 'orgnummer', 'cvr', 'cvrnr', 'moms', 'momsnr', 'mva', 'ytunnus', 'alv', 'alvnro', 'nip', 'regon', 'krs'],
);

/** Words that introduce a postcode. */
export const POSTCODE_WORDS = set(['postcode', 'plz', 'postleitzahl', 'cp', 'codepostal', 'postnummer', 'postnr', 'postinumero', 'kodpocztowy', 'cap', 'zip', 'zipcode']);

/** Street words that stand alone before (or, in French and English, after) a house number. */
export const STREET_WORDS = set(
  ['rue', 'avenue', 'av', 'ave', 'bd', 'boulevard', 'chemin', 'place', 'quai', 'allée', 'impasse', 'chaussée', 'route', 'rond'],
  ['calle', 'c', 'avenida', 'avda', 'plaza', 'paseo', 'carrer', 'camino', 'ronda'],
  ['via', 'viale', 'piazza', 'corso', 'largo', 'vicolo', 'strada'],
  ['rua', 'travessa', 'praça', 'estrada', 'largo'],
  ['ul', 'ulica', 'al', 'aleja', 'pl', 'plac', 'os', 'osiedle'],
  ['street', 'st', 'road', 'rd', 'lane', 'drive', 'square', 'way', 'gate', 'vei', 'gata', 'gade', 'vej', 'katu', 'tie'],
  // The rest of an address: post boxes, Belgian `bus`, flats and rooms, house-number words.
  ['postbus', 'postfach', 'postboks', 'postbox', 'postilokero', 'skrytka', 'bp', 'box', 'bus', 'boite', 'boîte', 'apt', 'appartement', 'wohnung', 'whg', 'kamer', 'zimmer', 'chambre', 'etage', 'verdieping', 'unit', 'suite'],
  ['huisnr', 'huisnummer', 'hausnr', 'hausnummer', 'husnummer', 'toevoeging', 'stiege', 'lgh', 'lägenhet', 'leilighet', 'asunto', 'lokal', 'mieszkanie'],
);
/** Endings of street names written as one word: `Kerkstraat`, `Müllerstraße`, `Hauptstr.`, `Storgatan`, `Vesterbrogade`, `Mannerheimintie`. */
export const STREET_SUFFIXES: readonly string[] = [
  'straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'dijk', 'dreef', 'steeg', 'markt', 'steenweg', 'lei', 'dreef',
  'straße', 'strasse', 'str', 'gasse', 'allee', 'platz', 'damm', 'ufer', 'chaussee', 'ring',
  'gatan', 'vägen', 'gata', 'väg', 'gränd', 'torget',
  'gade', 'gaden', 'vej', 'vejen', 'stræde', 'straede', 'plads', 'gate', 'gata', 'veien', 'vei', 'vegen', 'plass', 'torv',
  'katu', 'tie', 'kuja', 'polku', 'tori', 'väylä',
].map(foldWord);

/** Words that introduce an amount (`bedrag € 121,00`, `Betrag: 121,50`). */
export const AMOUNT_WORDS = set(
  ['bedrag', 'betrag', 'montant', 'importe', 'importo', 'valor', 'belopp', 'beløp', 'beløb', 'summa', 'kwota', 'amount', 'total', 'totaal', 'totale', 'gesamt', 'summe', 'prijs', 'preis', 'prix', 'precio', 'prezzo', 'preço', 'pris', 'hinta', 'cena'],
);
/** Currency codes and names, before or after an amount (symbols are handled as characters). */
export const CURRENCY_WORDS = set(['eur', 'euro', 'euros', 'usd', 'gbp', 'chf', 'sek', 'nok', 'dkk', 'pln', 'czk', 'huf', 'ron', 'bgn', 'isk', 'kr', 'kronor', 'kroner', 'zł', 'zl', 'złotych', 'zloty', 'eurocent', 'cent', 'ct']);
export const CURRENCY_SYMBOLS = '€$£¥₤';

/** Small words that follow a number in payer text and name nothing (`1002 vom 12.11.`, `12 van 3 december`, `1001 for May`). */
export const FUNCTION_WORDS = set(
  ['van', 'voor', 'vom', 'von', 'vor', 'for', 'from', 'of', 'dated', 'du', 'des', 'pour', 'por', 'para', 'per', 'del', 'dal', 'til', 'fra', 'för', 'från', 'av', 'för', 'dla', 'z', 'ze'],
  ['bedankt', 'danke', 'merci', 'thanks', 'thx', 'gracias', 'grazie', 'obrigado', 'tack', 'tak', 'takk', 'kiitos', 'dziekuje', 'betaald', 'bezahlt', 'paye', 'paid', 'betalt', 'maksettu'],
);

/** Words after a number that make it a quantity (`2 x`, `10 stuks`, `3 Stück`, `5 pcs`), and the multiplication sign's letters. */
export const QUANTITY_WORDS = set(
  ['x', 'stuks', 'stuk', 'st', 'stk', 'stück', 'stueck', 'pcs', 'pc', 'pieces', 'piece', 'pièces', 'pièce', 'uds', 'unidades', 'pz', 'pezzi', 'un', 'unid'],
  ['kpl', 'szt', 'sztuk', 'kom', 'ks', 'db', 'keer', 'mal', 'fois', 'times', 'maal'],
);

/** Words after a number that make it a percentage or VAT rate. */
export const PERCENT_WORDS = set(['procent', 'prozent', 'percent', 'pct', 'pourcent', 'porciento', 'percento', 'prosent', 'prosenttia', 'proc']);

/** Words after (or before) a number that make it a time of day. */
export const TIME_WORDS = set(['uur', 'uhr', 'h', 'hr', 'hrs', 'heures', 'heure', 'horas', 'ore', 'klo', 'kl', 'am', 'pm']);

/** Month names and their abbreviations. */
export const MONTH_WORDS = set(
  ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december', 'jan', 'feb', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec'],
  ['january', 'february', 'march', 'may', 'june', 'july', 'august', 'october', 'mar', 'oct'],
  ['januar', 'februar', 'märz', 'mai', 'dezember', 'dez', 'jänner'],
  ['janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'janv', 'févr', 'avr', 'juil'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre', 'ene', 'dic'],
  ['gennaio', 'febbraio', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre', 'dicembre', 'gen', 'mag', 'giu', 'lug', 'ago', 'set', 'ott'],
  ['janeiro', 'fevereiro', 'março', 'maio', 'junho', 'julho', 'setembro', 'outubro', 'novembro', 'dezembro', 'fev', 'out'],
  ['augusti', 'maj', 'marts'],
  ['tammikuu', 'helmikuu', 'maaliskuu', 'huhtikuu', 'toukokuu', 'kesäkuu', 'heinäkuu', 'elokuu', 'syyskuu', 'lokakuu', 'marraskuu', 'joulukuu'],
  ['tammikuuta', 'helmikuuta', 'maaliskuuta', 'huhtikuuta', 'toukokuuta', 'kesäkuuta', 'heinäkuuta', 'elokuuta', 'syyskuuta', 'lokakuuta', 'marraskuuta', 'joulukuuta'],
  ['styczeń', 'luty', 'marzec', 'kwiecień', 'maj', 'czerwiec', 'lipiec', 'sierpień', 'wrzesień', 'październik', 'listopad', 'grudzień'],
  ['stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'],
);

/** Words between an invoice word and its number that change nothing: `Rechnung Nr.`, `Facture n°`, `número`, `Invoice ref`. */
export const NUMBER_WORDS = set(
  ['nr', 'no', 'nos', 'nrs', 'n', 'num', 'number', 'numbers', 'nummer', 'nummers', 'numero', 'numeros', 'número', 'numéro', 'numer', 'nro', 'numr', 'cislo', 'číslo', 'szám', 'o'],
  ['ref', 'reference', 'referentie', 'referenz', 'référence', 'referencia', 'riferimento', 'referência', 'referens', 'referanse', 'id'],
  ['dd', 'dated'],
);

/** Words and signs that join the items of a list: `12 and 13`, `2026-11, 2026-12`, `1001 & 1002`, `12 + 13`. */
export const JOINER_WORDS = set(['and', 'en', 'und', 'et', 'y', 'e', 'i', 'och', 'og', 'ja', 'oraz', 'sowie', 'samt', 'plus', 'ed', 'és', 'si']);
export const JOINER_SIGNS = ',;&+/';
