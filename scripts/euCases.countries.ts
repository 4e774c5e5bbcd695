/**
 * What small businesses in Mollie's markets look like on paper: company
 * names, addresses, phone numbers, the invoice numbers their accounting
 * packages print, and how payers write an invoice in a payment description.
 * Used by scripts/make-european-cases.ts; every template stands for a shape
 * seen in real bank statements and webshop exports.
 */

export type Lang = 'nl' | 'en' | 'de' | 'fr' | 'es' | 'it' | 'pt' | 'sv' | 'da' | 'no' | 'fi' | 'pl';

export interface Place {
  street: string;
  /** Writes the address line: number placement differs per country. */
  postcode: string;
  city: string;
}

export interface Country {
  code: string;
  lang: Lang;
  tld: string;
  currency: string;
  names: { trades: string[]; surnames: string[]; legal: string[]; first: string[] };
  streets: string[];
  cities: Array<[postcode: string, city: string]>;
  /** Street and number as written there (`Kerkstraat 12`, `12 rue de la Paix`). */
  address: (street: string, houseNumber: number) => string;
  phone: (digits: string) => string;
  /** Invoice numbers the local accounting packages print (year, sequence). */
  styles: Array<(year: number, seq: number) => string>;
  /** How payers write "invoice N" (with their abbreviations). */
  invoiceWords: Array<(n: string) => string>;
  /** How they write several invoices. */
  listWords: Array<(a: string, b: string) => string>;
  orderWords: Array<(n: string) => string>;
  customerWords: Array<(n: string) => string>;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const COUNTRIES: Country[] = [
  {
    code: 'NL', lang: 'nl', tld: 'nl', currency: 'EUR',
    names: { trades: ['Bakkerij', 'Bouwbedrijf', 'Kapsalon', 'Fietsenmaker', 'Drukkerij', 'Installatiebedrijf', 'Hoveniersbedrijf', 'Koffiebranderij'], surnames: ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'van den Berg'], legal: [' B.V.', '', ' V.O.F.'], first: ['jan', 'sanne', 'daan', 'fleur', 'ruben', 'noor'] },
    streets: ['Kerkstraat', 'Dorpsstraat', 'Stationsweg', 'Molenlaan', 'Prinsengracht', 'Hoofdweg', 'Oudegracht'],
    cities: [['1043 AB', 'Amsterdam'], ['3511 LK', 'Utrecht'], ['2514 GL', 'Den Haag'], ['9711 HV', 'Groningen'], ['5611 EM', 'Eindhoven'], ['6811 CG', 'Arnhem']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `06-${d.slice(0, 8)}`,
    styles: [(y, s) => `${y}-${pad(s, 4)}`, (y, s) => `F${y}-${pad(s, 3)}`, (y, s) => `INV-${y}-${pad(s, 4)}`, (y, s) => `${y}${pad(s, 4)}`],
    invoiceWords: [(n) => `Factuur ${n}`, (n) => `Betaling factuur ${n}`, (n) => `Factuurnr. ${n}`, (n) => `factuurnummer: ${n}`, (n) => `fact. ${n}`, (n) => `Betreft factuur ${n}`, (n) => `Nota ${n}`],
    listWords: [(a, b) => `Facturen ${a} en ${b}`, (a, b) => `Betaling facturen ${a}, ${b}`, (a, b) => `factuurnummers ${a} & ${b}`],
    orderWords: [(n) => `Bestelling ${n}`, (n) => `Bestelnummer ${n}`, (n) => `Order #${n}`],
    customerWords: [(n) => `Klantnummer ${n}`, (n) => `klantnr. ${n}`, (n) => `Debiteurnummer ${n}`],
  },
  {
    code: 'BE', lang: 'fr', tld: 'be', currency: 'EUR',
    names: { trades: ['Brasserie', 'Boulangerie', 'Garage', 'Imprimerie', 'Traiteur', 'Menuiserie'], surnames: ['Dupont', 'Peeters', 'Janssens', 'Maes', 'Lambert', 'Dubois', 'Claes'], legal: [' SRL', ' BV', ' SA', ''], first: ['marie', 'luc', 'sofie', 'thomas', 'lien'] },
    streets: ['Rue de la Loi', 'Avenue Louise', 'Chaussée de Wavre', 'Rue Royale', 'Boulevard Anspach'],
    cities: [['1050', 'Etterbeek'], ['1000', 'Bruxelles'], ['4000', 'Liège'], ['5000', 'Namur'], ['1040', 'Etterbeek'], ['6000', 'Charleroi']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `+32 2 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)}`,
    styles: [(y, s) => `${y}/${pad(s, 4)}`, (y, s) => `FA-${y}-${pad(s, 4)}`, (y, s) => `F${y}${pad(s, 4)}`],
    invoiceWords: [(n) => `Facture ${n}`, (n) => `Facture n° ${n}`, (n) => `Paiement facture ${n}`, (n) => `Fact. ${n}`, (n) => `Factuur ${n}`, (n) => `Règlement de la facture nº ${n}`],
    listWords: [(a, b) => `Factures ${a} et ${b}`, (a, b) => `Facturen ${a} en ${b}`],
    orderWords: [(n) => `Commande ${n}`, (n) => `Commande n° ${n}`, (n) => `Bestelling ${n}`],
    customerWords: [(n) => `N° client ${n}`, (n) => `Client ${n}`, (n) => `Klantnummer ${n}`],
  },
  {
    code: 'DE', lang: 'de', tld: 'de', currency: 'EUR',
    names: { trades: ['Bäckerei', 'Elektro', 'Malerbetrieb', 'Schreinerei', 'Autohaus', 'Druckerei', 'Metzgerei'], surnames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann'], legal: [' GmbH', ' GmbH & Co. KG', ' e.K.', ' UG (haftungsbeschränkt)', ' OHG'], first: ['jürgen', 'anna', 'lukas', 'sabine', 'felix'] },
    streets: ['Hauptstraße', 'Bahnhofstr.', 'Schillerstraße', 'Gartenweg', 'Am Markt', 'Lindenallee', 'Goethestraße'],
    cities: [['10115', 'Berlin'], ['80331', 'München'], ['50667', 'Köln'], ['20095', 'Hamburg'], ['01067', 'Dresden'], ['60311', 'Frankfurt am Main'], ['70173', 'Stuttgart']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `030 ${d.slice(0, 8)}`,
    styles: [(y, s) => `RE-${y}-${pad(s, 4)}`, (y, s) => `RE${y}${pad(s, 4)}`, (y, s) => `${y}-${pad(s, 4)}`, (_y, s) => `RG-${pad(s + 1000, 5)}`],
    invoiceWords: [(n) => `Rechnung ${n}`, (n) => `Rechnungsnr. ${n}`, (n) => `Re.-Nr. ${n}`, (n) => `Rg.-Nr.: ${n}`, (n) => `Zahlung zu Rechnung ${n}`, (n) => `Rechnungsnummer ${n}`, (n) => `RECHNUNG ${n}`],
    listWords: [(a, b) => `Rechnungen ${a} und ${b}`, (a, b) => `Rechnungen ${a}, ${b}`],
    orderWords: [(n) => `Bestellung ${n}`, (n) => `Bestellnr. ${n}`, (n) => `Auftrag ${n}`, (n) => `Best.-Nr. ${n}`],
    customerWords: [(n) => `Kundennummer ${n}`, (n) => `Kd.-Nr. ${n}`, (n) => `Kunden-Nr. ${n}`],
  },
  {
    code: 'AT', lang: 'de', tld: 'at', currency: 'EUR',
    names: { trades: ['Tischlerei', 'Konditorei', 'Installateur', 'Gasthaus', 'Fotostudio'], surnames: ['Gruber', 'Huber', 'Bauer', 'Wagner', 'Pichler', 'Steiner'], legal: [' GmbH', ' KG', ' e.U.'], first: ['maria', 'stefan', 'julia', 'florian'] },
    streets: ['Mariahilfer Straße', 'Landstraßer Hauptstraße', 'Herrengasse', 'Linzer Gasse'],
    cities: [['1010', 'Wien'], ['8010', 'Graz'], ['5020', 'Salzburg'], ['4020', 'Linz'], ['6020', 'Innsbruck']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `+43 1 ${d.slice(0, 7)}`,
    styles: [(y, s) => `RE-${y}-${pad(s, 3)}`, (y, s) => `${y}/${pad(s, 4)}`],
    invoiceWords: [(n) => `Rechnung ${n}`, (n) => `Rechnungs-Nr. ${n}`, (n) => `Re-Nr ${n}`, (n) => `Rechnung Nr. ${n}`],
    listWords: [(a, b) => `Rechnungen ${a} und ${b}`],
    orderWords: [(n) => `Bestellung ${n}`, (n) => `Auftragsnummer ${n}`],
    customerWords: [(n) => `Kundennr. ${n}`],
  },
  {
    code: 'FR', lang: 'fr', tld: 'fr', currency: 'EUR',
    names: { trades: ['Boulangerie', 'Plomberie', 'Atelier', 'Pâtisserie', 'Cabinet', 'Librairie'], surnames: ['Martin', 'Bernard', 'Durand', 'Lefèvre', 'Moreau', 'Laurent', 'Garnier'], legal: [' SARL', ' SAS', ' EURL', ''], first: ['camille', 'louis', 'chloé', 'hugo', 'léa'] },
    streets: ['rue de la Paix', 'avenue des Champs-Élysées', 'boulevard Voltaire', 'rue du Faubourg Saint-Antoine', 'place Bellecour'],
    cities: [['75002', 'Paris'], ['69002', 'Lyon'], ['13001', 'Marseille'], ['33000', 'Bordeaux'], ['06000', 'Nice'], ['31000', 'Toulouse']],
    address: (street, n) => `${n} ${street}`,
    phone: (d) => `01 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`,
    styles: [(y, s) => `FA-${y}-${pad(s, 4)}`, (y, s) => `F${y}-${pad(s, 4)}`, (_y, s) => `FAC-${pad(s, 5)}`, (y, s) => `${y}${pad(s, 5)}`],
    invoiceWords: [(n) => `Facture ${n}`, (n) => `Facture n° ${n}`, (n) => `Règlement facture ${n}`, (n) => `Fact. ${n}`, (n) => `Paiement de la facture n°${n}`, (n) => `Facture N° ${n}`],
    listWords: [(a, b) => `Factures ${a} et ${b}`, (a, b) => `Factures n° ${a}, ${b}`],
    orderWords: [(n) => `Commande ${n}`, (n) => `Commande n°${n}`, (n) => `Cde ${n}`],
    customerWords: [(n) => `Client n° ${n}`, (n) => `N° client ${n}`],
  },
  {
    code: 'ES', lang: 'es', tld: 'es', currency: 'EUR',
    names: { trades: ['Construcciones', 'Panadería', 'Talleres', 'Reformas', 'Distribuciones', 'Clínica Dental'], surnames: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez'], legal: [' S.L.', ' S.A.', ' S.L.U.'], first: ['carlos', 'lucía', 'javier', 'marta', 'pablo'] },
    streets: ['Calle Mayor', 'Calle de Alcalá', 'Avenida de la Constitución', 'Paseo de Gracia', 'Calle Serrano'],
    cities: [['28013', 'Madrid'], ['08007', 'Barcelona'], ['41001', 'Sevilla'], ['46002', 'Valencia'], ['48001', 'Bilbao']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `+34 91 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)}`,
    styles: [(y, s) => `${y}/${pad(s, 4)}`, (y, s) => `F-${y}-${pad(s, 3)}`, (y, s) => `A${y}-${pad(s, 4)}`],
    invoiceWords: [(n) => `Factura ${n}`, (n) => `Pago factura nº ${n}`, (n) => `Fra. ${n}`, (n) => `Factura núm. ${n}`, (n) => `Pago de la factura ${n}`],
    listWords: [(a, b) => `Facturas ${a} y ${b}`, (a, b) => `Facturas ${a}, ${b}`],
    orderWords: [(n) => `Pedido ${n}`, (n) => `Pedido nº ${n}`],
    customerWords: [(n) => `Cliente ${n}`, (n) => `Nº cliente ${n}`],
  },
  {
    code: 'IT', lang: 'it', tld: 'it', currency: 'EUR',
    names: { trades: ['Pasticceria', 'Officina', 'Tipografia', 'Ristorante', 'Studio Tecnico', 'Ferramenta'], surnames: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo'], legal: [' S.r.l.', ' S.p.A.', ' S.n.c.', ' S.a.s.'], first: ['giulia', 'marco', 'chiara', 'luca', 'sara'] },
    streets: ['Via Roma', 'Via Garibaldi', 'Corso Vittorio Emanuele', 'Piazza del Duomo', 'Viale Mazzini'],
    cities: [['20121', 'Milano'], ['00184', 'Roma'], ['10121', 'Torino'], ['50123', 'Firenze'], ['40121', 'Bologna']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `+39 02 ${d.slice(0, 8)}`,
    styles: [(y, s) => `${s}/${y}`, (y, s) => `FPR ${s}/${String(y).slice(2)}`, (y, s) => `${y}/${pad(s, 3)}`],
    invoiceWords: [(n) => `Fattura ${n}`, (n) => `Pagamento fattura n. ${n}`, (n) => `Saldo fatt. ${n}`, (n) => `Fattura nr. ${n}`, (n) => `Bonifico fattura n° ${n}`],
    listWords: [(a, b) => `Fatture ${a} e ${b}`, (a, b) => `Fatture n. ${a}, ${b}`],
    orderWords: [(n) => `Ordine ${n}`, (n) => `Ordine n. ${n}`],
    customerWords: [(n) => `Codice cliente ${n}`, (n) => `Cliente ${n}`],
  },
  {
    code: 'PT', lang: 'pt', tld: 'pt', currency: 'EUR',
    names: { trades: ['Padaria', 'Oficina', 'Carpintaria', 'Restaurante', 'Serralharia'], surnames: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa'], legal: [', Lda.', ' & Filhos, Lda.', ' S.A.', ', Unipessoal Lda.'], first: ['joão', 'ana', 'tiago', 'inês', 'rui'] },
    streets: ['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina', 'Travessa do Carmo'],
    cities: [['1100-048', 'Lisboa'], ['4000-322', 'Porto'], ['3000-150', 'Coimbra'], ['8000-123', 'Faro']],
    address: (street, n) => `${street}, ${n}`,
    phone: (d) => `+351 21 ${d.slice(0, 3)} ${d.slice(3, 7)}`,
    styles: [(y, s) => `FT ${y}/${s}`, (_y, s) => `FT A/${s}`, (y, s) => `FR ${y}/${pad(s, 3)}`],
    invoiceWords: [(n) => `Fatura ${n}`, (n) => `Pagamento da fatura n.º ${n}`, (n) => `Fatura nº ${n}`, (n) => `Factura ${n}`],
    listWords: [(a, b) => `Faturas ${a} e ${b}`],
    orderWords: [(n) => `Encomenda ${n}`, (n) => `Encomenda n.º ${n}`],
    customerWords: [(n) => `Cliente n.º ${n}`],
  },
  {
    code: 'SE', lang: 'sv', tld: 'se', currency: 'SEK',
    names: { trades: ['Bygg', 'Måleri', 'Elektriska', 'Trädgård', 'Bageri', 'Konsult'], surnames: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson'], legal: [' AB', ' HB', ''], first: ['erik', 'anna', 'lars', 'karin', 'oskar'] },
    streets: ['Storgatan', 'Drottninggatan', 'Kungsvägen', 'Sveavägen', 'Västra Hamngatan'],
    cities: [['114 55', 'Stockholm'], ['411 01', 'Göteborg'], ['211 20', 'Malmö'], ['753 20', 'Uppsala']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `08-${d.slice(0, 7)}`,
    styles: [(_y, s) => `${10000 + s}`, (y, s) => `${y}-${pad(s, 3)}`],
    invoiceWords: [(n) => `Faktura ${n}`, (n) => `Fakturanr ${n}`, (n) => `Betalning faktura ${n}`, (n) => `Faktura nr ${n}`, (n) => `Fakt.nr ${n}`],
    listWords: [(a, b) => `Fakturor ${a}, ${b}`, (a, b) => `Fakturor ${a} och ${b}`],
    orderWords: [(n) => `Beställning ${n}`, (n) => `Ordernr ${n}`],
    customerWords: [(n) => `Kundnr ${n}`, (n) => `Kundnummer ${n}`],
  },
  {
    code: 'DK', lang: 'da', tld: 'dk', currency: 'DKK',
    names: { trades: ['Tømrer', 'Bageri', 'VVS', 'Malerfirma', 'Revision', 'Blomster'], surnames: ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen'], legal: [' ApS', ' A/S', ' I/S'], first: ['mette', 'søren', 'line', 'mads'] },
    streets: ['Vesterbrogade', 'Nørregade', 'Strandvejen', 'Østergade'],
    cities: [['2100', 'København Ø'], ['8000', 'Aarhus C'], ['5000', 'Odense C'], ['9000', 'Aalborg']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `+45 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`,
    styles: [(_y, s) => `${1000 + s}`, (y, s) => `${y}-${pad(s, 4)}`],
    invoiceWords: [(n) => `Faktura ${n}`, (n) => `Fakturanr. ${n}`, (n) => `Betaling af faktura ${n}`, (n) => `Fakt. nr. ${n}`],
    listWords: [(a, b) => `Fakturaer ${a} og ${b}`, (a, b) => `Fakturaer ${a}, ${b}`],
    orderWords: [(n) => `Ordre ${n}`, (n) => `Ordrenr. ${n}`, (n) => `Bestilling ${n}`],
    customerWords: [(n) => `Kundenr. ${n}`],
  },
  {
    code: 'NO', lang: 'no', tld: 'no', currency: 'NOK',
    names: { trades: ['Snekkeri', 'Rørlegger', 'Regnskap', 'Elektro', 'Bakeri'], surnames: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Berg'], legal: [' AS', ' ANS', ' DA'], first: ['ole', 'ingrid', 'kari', 'henrik'] },
    streets: ['Karl Johans gate', 'Storgata', 'Bogstadveien', 'Kongens gate'],
    cities: [['0150', 'Oslo'], ['5003', 'Bergen'], ['7011', 'Trondheim'], ['4006', 'Stavanger']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `+47 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5, 8)}`,
    styles: [(_y, s) => `${10000 + s}`, (y, s) => `${y}${pad(s, 4)}`],
    invoiceWords: [(n) => `Faktura ${n}`, (n) => `Fakturanr. ${n}`, (n) => `Betaling faktura ${n}`, (n) => `Fakturanummer ${n}`],
    listWords: [(a, b) => `Fakturaer ${a} og ${b}`],
    orderWords: [(n) => `Ordre ${n}`, (n) => `Bestilling ${n}`],
    customerWords: [(n) => `Kundenr ${n}`],
  },
  {
    code: 'FI', lang: 'fi', tld: 'fi', currency: 'EUR',
    names: { trades: ['Rakennus', 'Sähkö', 'Leipomo', 'Kuljetus', 'Tilitoimisto'], surnames: ['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen'], legal: [' Oy', ' Ky', ' Tmi'], first: ['mikko', 'anna', 'juha', 'laura'] },
    streets: ['Mannerheimintie', 'Aleksanterinkatu', 'Hämeenkatu', 'Kauppakatu'],
    cities: [['00100', 'Helsinki'], ['33100', 'Tampere'], ['20100', 'Turku'], ['90100', 'Oulu']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `040 ${d.slice(0, 7)}`,
    styles: [(_y, s) => `${1000 + s}`, (y, s) => `${y}-${pad(s, 3)}`],
    invoiceWords: [(n) => `Lasku ${n}`, (n) => `Laskunro ${n}`, (n) => `Laskun numero ${n}`, (n) => `Lasku nro ${n}`],
    listWords: [(a, b) => `Laskut ${a} ja ${b}`],
    orderWords: [(n) => `Tilaus ${n}`, (n) => `Tilausnumero ${n}`],
    customerWords: [(n) => `Asiakasnumero ${n}`],
  },
  {
    code: 'PL', lang: 'pl', tld: 'pl', currency: 'PLN',
    names: { trades: ['Piekarnia', 'Usługi Budowlane', 'Zakład Stolarski', 'Drukarnia', 'Biuro Rachunkowe'], surnames: ['Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski'], legal: [' Sp. z o.o.', ' S.A.', ' s.c.', ''], first: ['piotr', 'agnieszka', 'tomasz', 'katarzyna'] },
    streets: ['ul. Marszałkowska', 'ul. Piotrkowska', 'al. Jerozolimskie', 'ul. Długa'],
    cities: [['00-950', 'Warszawa'], ['90-001', 'Łódź'], ['31-001', 'Kraków'], ['80-001', 'Gdańsk']],
    address: (street, n) => `${street} ${n}`,
    phone: (d) => `+48 22 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)}`,
    styles: [(y, s) => `FV/${y}/${pad(s, 4)}`, (y, s) => `FV ${s}/${y}`, (y, s) => `F/${pad(s, 3)}/${y}`],
    invoiceWords: [(n) => `Faktura ${n}`, (n) => `Faktura VAT nr ${n}`, (n) => `Zapłata za fakturę ${n}`, (n) => `nr faktury ${n}`, (n) => `Płatność faktura ${n}`],
    listWords: [(a, b) => `Faktury ${a} i ${b}`, (a, b) => `Faktury ${a}, ${b}`],
    orderWords: [(n) => `Zamówienie ${n}`, (n) => `Zamówienie nr ${n}`],
    customerWords: [(n) => `Nr klienta ${n}`],
  },
  {
    code: 'IE', lang: 'en', tld: 'ie', currency: 'EUR',
    names: { trades: ['Joinery', 'Plumbing', 'Design Studio', 'Catering', 'Bakery'], surnames: ['Murphy', 'Kelly', "O'Sullivan", 'Walsh', 'Byrne', 'Ryan'], legal: [' Ltd', ' Limited', ''], first: ['sean', 'aoife', 'ciara', 'conor'] },
    streets: ['Main Street', 'Grafton Street', 'Patrick Street', 'High Road'],
    cities: [['D02 X285', 'Dublin 2'], ['T12 R2NC', 'Cork'], ['H91 E2K3', 'Galway']],
    address: (street, n) => `${n} ${street}`,
    phone: (d) => `+353 1 ${d.slice(0, 3)} ${d.slice(3, 7)}`,
    styles: [(y, s) => `INV-${y}-${pad(s, 4)}`, (_y, s) => `INV${pad(s + 1000, 5)}`],
    invoiceWords: [(n) => `Invoice ${n}`, (n) => `Payment for invoice ${n}`, (n) => `Inv. ${n}`, (n) => `Invoice no. ${n}`, (n) => `Invoice #${n}`],
    listWords: [(a, b) => `Invoices ${a} and ${b}`, (a, b) => `Invoices ${a}, ${b}`],
    orderWords: [(n) => `Order ${n}`, (n) => `Order #${n}`, (n) => `PO ${n}`],
    customerWords: [(n) => `Customer no. ${n}`, (n) => `Account ${n}`],
  },
];

export const COUNTRY_BY_LANG = (lang: Lang): Country[] => COUNTRIES.filter((country) => country.lang === lang || (lang === 'nl' && country.code === 'BE'));
