/**
 * Generates test/fixtures/matching-cases-eu.json: matching cases shaped like
 * real European small-business data, one class (`kind`) per rule of the
 * reading and the engine (invoice words per country, numbers with letters,
 * lists, unmarked numbers, each kind of noise, order numbers, wrapped and
 * internationalised e-mails, IBANs, metadata keys, the Mollie customer's
 * metadata, conflicts). Seeded, so reproducible:
 *
 *   npx tsx scripts/make-european-cases.ts
 *
 * Labels come from how each case is built (euCases.invoices.ts,
 * euCases.keys.ts), never from running the engine. The hand-written holdout
 * beside it (test/fixtures/matching-cases-holdout.json) is phrased
 * differently on purpose, so a rule fitted to this generator shows there.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTRIES } from './euCases.countries';
import { INVOICE_KINDS } from './euCases.invoices';
import { KEY_KINDS } from './euCases.keys';
import { rnd } from './euCases.world';

const cases: Array<Record<string, unknown>> = [];
for (const spec of [...INVOICE_KINDS, ...KEY_KINDS]) {
  const countries = COUNTRIES.filter((country) => !spec.countries || spec.countries.includes(country.code));
  for (let i = 0; i < spec.count; i++) {
    const country = spec.countries ? countries[i % countries.length] : rnd.pick(countries);
    const built = spec.build(country);
    const id = `eu-${String(cases.length + 1).padStart(3, '0')}`;
    cases.push({ id, kind: spec.kind, ...built, why: `${country.code}: ${built.why}` });
  }
}
const file = join(__dirname, '..', 'test', 'fixtures', 'matching-cases-eu.json');
const clean = cases;
writeFileSync(file, `${JSON.stringify(clean, null, 1)}\n`);
const positives = clean.filter((item) => item.expected !== null).length;
process.stdout.write(`Wrote ${clean.length} cases (${positives} with an account, ${clean.length - positives} without) in ${new Set(clean.map((item) => item.kind)).size} kinds to ${file}\n`);
