/**
 * Noise as payers write it next to an invoice number, per country: each
 * builder returns the text and the number in it a careless reader would take
 * for an invoice (the "decoy" number the generated CRM then holds).
 */
import type { Country, Lang } from './euCases.countries';
import { addressOf, ibanOf, rnd } from './euCases.world';
import { friendlyFormatIBAN } from 'ibantools';

export interface NoiseText {
  text: string;
  /** The number a careless reader would take for an invoice number. */
  decoy: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const by = <T>(lang: Lang, table: Partial<Record<Lang, T[]>>, fallback: T[]): T => rnd.pick(table[lang] ?? fallback);

const MONTHS: Partial<Record<Lang, string[]>> = {
  nl: ['maart', 'april', 'juni'], de: ['März', 'April', 'Juni'], fr: ['mars', 'avril', 'juin'], es: ['marzo', 'abril', 'junio'], it: ['marzo', 'aprile', 'giugno'],
  pt: ['março', 'abril', 'junho'], sv: ['mars', 'april', 'juni'], da: ['marts', 'april', 'juni'], no: ['mars', 'april', 'juni'], fi: ['maaliskuuta', 'huhtikuuta'], pl: ['marca', 'kwietnia'], en: ['March', 'April', 'June'],
};

export const postcodeNoise = (country: Country): NoiseText => {
  const address = addressOf(country);
  return { text: address.line, decoy: address.postcode.match(/\d+/)![0] };
};

export const houseNumberNoise = (country: Country): NoiseText => {
  const address = addressOf(country, rnd.int(2, 140));
  return { text: rnd.chance(0.5) ? address.line : country.address(rnd.pick(country.streets), address.houseNumber), decoy: String(address.houseNumber) };
};

export const dateNoise = (country: Country): NoiseText => {
  const day = rnd.int(10, 28);
  const month = rnd.int(1, 6);
  const text = by(country.lang, {
    nl: [`d.d. ${day}-${pad(month, 2)}-2026`, `van ${day} ${rnd.pick(MONTHS.nl!)} 2026`], de: [`vom ${day}.${pad(month, 2)}.2026`, `vom ${day}. ${rnd.pick(MONTHS.de!)} 2026`],
    fr: [`du ${day}/${pad(month, 2)}/2026`, `du ${day} ${rnd.pick(MONTHS.fr!)} 2026`], es: [`de fecha ${day}/${pad(month, 2)}/2026`], it: [`del ${day}/${pad(month, 2)}/2026`, `del ${day} ${rnd.pick(MONTHS.it!)} 2026`],
    pt: [`de ${day}/${pad(month, 2)}/2026`], sv: [`2026-${pad(month, 2)}-${day}`, `den ${day} ${rnd.pick(MONTHS.sv!)}`], da: [`af ${day}.${pad(month, 2)}.2026`], no: [`datert ${day}.${pad(month, 2)}.2026`],
    fi: [`${day}.${month}.2026`, `${day}. ${rnd.pick(MONTHS.fi!)} 2026`], pl: [`z dnia ${day}.${pad(month, 2)}.2026`, `z ${day} ${rnd.pick(MONTHS.pl!)} 2026`], en: [`dated ${day} ${rnd.pick(MONTHS.en!)} 2026`, `of ${day}/${pad(month, 2)}/2026`],
  }, [`${day}.${pad(month, 2)}.2026`]);
  return { text, decoy: String(day) };
};

export const timeNoise = (country: Country): NoiseText => {
  const hour = rnd.int(10, 18);
  const minutes = rnd.pick(['15', '30', '45']);
  const text = by(country.lang, { nl: [`om ${hour}:${minutes} uur`], de: [`um ${hour}:${minutes} Uhr`], fr: [`à ${hour}h${minutes}`], sv: [`kl. ${hour}.${minutes}`], fi: [`klo ${hour}.${minutes}`] }, [`${hour}:${minutes}`]);
  return { text, decoy: String(hour) };
};

export const vatNoise = (country: Country): NoiseText => {
  const [text, rate] = by<[string, string]>(country.lang, {
    nl: [['+ 21% btw', '21'], ['incl. 21% BTW', '21'], ['9% btw', '9']], de: [['inkl. 19% MwSt.', '19'], ['zzgl. 19 % USt.', '19'], ['7% MwSt', '7']], fr: [['TVA 20 %', '20'], ['dont TVA 20%', '20']],
    es: [['IVA 21%', '21']], it: [['IVA 22%', '22']], pt: [['IVA 23%', '23']], sv: [['moms 25%', '25']], da: [['inkl. 25% moms', '25']], no: [['mva 25 %', '25']], fi: [['ALV 24 %', '24']], pl: [['VAT 23%', '23']], en: [['VAT 23%', '23'], ['+ 13.5% VAT', '13']],
  }, [['VAT 21%', '21']]);
  return { text, decoy: rate };
};

export const amountNoise = (country: Country, value: string): NoiseText => {
  const comma = value.replace('.', ',');
  const text = by(country.lang, {
    nl: [`bedrag € ${comma}`, `€${comma}`], de: [`Betrag ${comma} EUR`, `${comma} €`], fr: [`montant ${comma} €`], es: [`importe ${comma} €`], it: [`importo € ${comma}`], pt: [`valor ${comma} €`],
    sv: [`belopp ${comma} kr`], da: [`beløb kr. ${comma}`], no: [`beløp kr ${comma}`], fi: [`summa ${comma} €`], pl: [`kwota ${comma} zł`], en: [`amount €${value}`, `EUR ${value}`],
  }, [`EUR ${value}`]);
  return { text, decoy: value.split('.')[0] };
};

export const phoneNoise = (country: Country): NoiseText => {
  const digits = String(rnd.int(10000000, 99999999));
  const phone = country.phone(digits);
  const word = by(country.lang, { nl: ['tel.', 'Tel:'], de: ['Tel.', 'Telefon'], fr: ['Tél.', 'tél :'], es: ['Tel.'], it: ['Tel.'], pt: ['Tel.'], sv: ['Tfn', 'Tel'], da: ['Tlf.'], no: ['Tlf'], fi: ['puh.'], pl: ['tel.'], en: ['Phone', 'Tel.'] }, ['Tel.']);
  const groups = phone.match(/\d+/g)!;
  return { text: `${word} ${phone}`, decoy: groups[groups.length - 1].replace(/^0+/, '') || groups[0] };
};

export const ibanNoise = (country: Country): NoiseText => {
  const friendly = friendlyFormatIBAN(ibanOf(country.code))!;
  const group = friendly.split(' ')[2];
  const word = by(country.lang, { nl: ['van rekening', 'IBAN'], de: ['IBAN', 'von Konto'], fr: ['IBAN', 'du compte'], en: ['from account', 'IBAN'] }, ['IBAN']);
  return { text: `${word} ${friendly}`, decoy: /^\d+$/.test(group) ? String(Number(group)) : '417' };
};

const mod97 = (digits: string) => digits.split('').reduce((rest, digit) => (rest * 10 + Number(digit)) % 97, 0);
const rfReference = () => {
  const body = String(rnd.int(10000000, 99999999)) + String(rnd.int(1000, 9999));
  const numeric = `${body}2715`; // "RF00" as digits: R=27, F=15, 00
  const check = pad(98 - mod97(`${numeric}00`), 2);
  return `RF${check}${body}`.replace(/(.{4})/g, '$1 ').trim();
};
const ogm = () => {
  const first = String(rnd.int(1000000000, 9999999999));
  const check = Number(BigInt(first) % 97n) || 97;
  const all = `${first}${pad(check, 2)}`;
  return `${all.slice(0, 3)}/${all.slice(3, 7)}/${all.slice(7)}`;
};

export const structuredNoise = (country: Country): NoiseText => {
  if (country.code === 'BE') {
    const reference = ogm();
    return { text: rnd.pick([`+++${reference}+++`, `***${reference}***`]), decoy: String(Number(reference.split('/')[2])) };
  }
  if (country.code === 'FI') {
    const reference = `${rnd.int(1000, 9999)} ${rnd.int(10000, 99999)}`;
    return { text: `viite ${reference}`, decoy: reference.split(' ')[0] };
  }
  if (country.code === 'NO') {
    const kid = String(rnd.int(100000, 999999));
    return { text: `KID ${kid}`, decoy: kid };
  }
  if (country.code === 'SE') {
    const ocr = String(rnd.int(1000000, 9999999));
    return { text: `OCR ${ocr}`, decoy: ocr };
  }
  const reference = rfReference();
  return { text: reference, decoy: String(Number(reference.split(' ')[1])) };
};

export const orderNoise = (country: Country): NoiseText => {
  const number = String(rnd.int(1100, 9800));
  return { text: rnd.pick(country.orderWords)(number), decoy: number };
};

export const customerNoise = (country: Country): NoiseText => {
  const number = String(rnd.int(1100, 9800));
  return { text: rnd.pick(country.customerWords)(number), decoy: number };
};
