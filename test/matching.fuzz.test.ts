/**
 * Noise never becomes evidence, tried on many seeded combinations: address,
 * date, time, VAT, amount, phone, IBAN, structured reference, order and
 * customer numbers of every country, in any order and case, against a CRM
 * where every digit group of the text is some account's invoice number
 * (exactly, and as the sequence of a longer number) with the payment's amount.
 */
import { matchPayment } from '../matching';
import { COUNTRIES, type Country } from '../scripts/euCases.countries';
import * as noise from '../scripts/euCases.noise';
import { rnd } from '../scripts/euCases.world';

const MAKERS: Array<(country: Country) => noise.NoiseText> = [
  noise.postcodeNoise,
  noise.houseNumberNoise,
  noise.dateNoise,
  noise.timeNoise,
  noise.vatNoise,
  (country) => noise.amountNoise(country, '121.50'),
  noise.phoneNoise,
  noise.ibanNoise,
  noise.structuredNoise,
  noise.orderNoise,
  noise.customerNoise,
];

/** A description of 1–3 noise fragments (and the payer's invoice when `invoice` is given), any order, sometimes lower case. */
const descriptionOf = (country: Country, invoice?: string) => {
  const parts = Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(MAKERS)(country).text);
  if (invoice) parts.splice(rnd.int(0, parts.length), 0, rnd.pick(country.invoiceWords)(invoice));
  const text = parts.join(rnd.pick([', ', ' ', ' - ', '; ']));
  return rnd.chance(0.3) ? text.toLowerCase() : text;
};

/** Every digit group of the text as a decoy account's invoice, exactly and as a sequence, with the payment's amount. */
const decoys = (description: string, style: (year: number, seq: number) => string, amount: { value: string; currency: string }, not = '') =>
  [...new Set(description.match(/\d+/g) ?? [])].flatMap((group, i) =>
    [group, style(2026, Number(group) % 100_000)]
      .filter((number) => number.replace(/\D/g, '') !== not.replace(/\D/g, ''))
      .map((number, j) => ({ id: `decoy-${i}-${j}`, name: `Decoy ${i}`, emails: [], customerIds: [], invoices: [{ number, amount, state: 'open' as const }] })),
  );

describe('noise against decoy invoices', () => {
  it('noise alone matches no account (1,500 descriptions)', () => {
    const leaks: string[] = [];
    for (let n = 0; n < 1_500; n++) {
      const country = rnd.pick(COUNTRIES);
      const description = descriptionOf(country);
      const amount = { value: '121.50', currency: country.currency };
      const result = matchPayment({ description, amount }, undefined, decoys(description, rnd.pick(country.styles), amount));
      if (result.accountId) leaks.push(`${description} → ${result.explanation}`);
    }
    expect(leaks).toEqual([]);
  });

  it('noise beside the payer’s invoice never picks a decoy (1,500 descriptions)', () => {
    const wrong: string[] = [];
    let found = 0;
    for (let n = 0; n < 1_500; n++) {
      const country = rnd.pick(COUNTRIES);
      const style = rnd.pick(country.styles);
      const number = style(2025, rnd.int(300, 999));
      const description = descriptionOf(country, number);
      const amount = { value: '121.50', currency: country.currency };
      const truth = { id: 'truth', name: 'Payer', emails: [], customerIds: [], invoices: [{ number, amount, state: 'open' as const }] };
      const result = matchPayment({ description, amount }, undefined, [truth, ...decoys(description, style, amount, number)]);
      if (result.accountId === 'truth') found++;
      else if (result.accountId) wrong.push(`${description} → ${result.explanation}`);
    }
    expect(wrong).toEqual([]);
    expect(found / 1_500).toBeGreaterThanOrEqual(0.95);
  });
});
