/**
 * `npx tsx bench/parsers.ts`: what each parser of vendor or user text costs per
 * character, on hostile input of growing length (issue 19 §6: no parser's cost
 * grows faster than linearly). A linear parser keeps about the same ns per
 * character from 10 k to 160 k characters; a quadratic one multiplies it by 16.
 * The test (test/costGuards.test.ts) asserts completion on the same inputs;
 * the figures live here, since no test may depend on the machine's speed.
 */
import { hasDotSegment, parseDateInput, parseWebAddress, refuseMarkup, refuseUnfilledMapping, refuseUnsafeLine } from '../http/refuse';
import { shorten } from '../http/text';
import { optionalEmail } from '../operations/inputs';
import { parseAmount } from '../money/parse';
import { mollieId, withoutEventSuffix } from '../mollie/ids';
import { paymentFacts } from '../mollie/paymentFacts';
import { canonicalInvoice, findInvoiceNumbers, normalEmail } from '../matching/keys';
import { parseInvoiceNumber } from '../paymentLinks/paymentLinks';

export const PARSERS: Array<[string, (text: string) => unknown]> = [
  ['refuseMarkup', (text) => refuseMarkup(text, 'Description')],
  ['refuseUnsafeLine', (text) => refuseUnsafeLine(text, 'Name')],
  ['refuseUnfilledMapping', (text) => refuseUnfilledMapping(text, 'Name')],
  ['parseWebAddress', (text) => parseWebAddress(`https://example.com/${text}`, 'Redirect URL')],
  ['parseDateInput', (text) => parseDateInput(text, 'Expires at')],
  ['hasDotSegment', (text) => hasDotSegment(text)],
  ['shorten', (text) => shorten(text, 250)],
  ['optionalEmail', (text) => optionalEmail(text)],
  ['parseAmount', (text) => parseAmount(text, 'EUR')],
  ['parseInvoiceNumber', (text) => parseInvoiceNumber(text)],
  ['mollieId', (text) => mollieId(text, 'payment', 'Payment ID')],
  ['withoutEventSuffix', (text) => withoutEventSuffix(text)],
  ['customer e-mail (the payment’s reading)', (text) => paymentFacts({ billingAddress: { email: text } }).email],
  ['findInvoiceNumbers', (text) => findInvoiceNumbers(text)],
  ['canonicalInvoice', (text) => canonicalInvoice(text)],
  ['normalEmail', (text) => normalEmail(text)],
];

/** Hostile shapes, as a function of the length wanted. */
export const HOSTILE: Array<[string, (n: number) => string]> = [
  ['"<a" repeated', (n) => '<a'.repeat(n / 2)],
  ['"<" and letters, never closed', (n) => `<${'a'.repeat(n)}`],
  ['"javascript" without a colon', (n) => 'javascript '.repeat(n / 11)],
  ['"{{1__" never closed', (n) => '{{1__'.repeat(n / 5)],
  ['"a@" then "b." pairs and a space', (n) => `a@${'b.'.repeat(n / 2)} `],
  ['"a@", "b." pairs, a space and more', (n) => `a@${'b.'.repeat(n / 2)} x`],
  ['"a@" then "b-" pairs and a "!"', (n) => `a@${'b-'.repeat(n / 2)}!`],
  ['words and spaces', (n) => 'Factuur 2024 nr '.repeat(n / 16)],
  ['dots and dashes', (n) => '.-'.repeat(n / 2)],
  ['digits with a trailing letter', (n) => `${'1'.repeat(n)}x`],
  ['"%2e" repeated', (n) => '%2e'.repeat(n / 3)],
  ['"tr_" and colons', (n) => 'tr_a:'.repeat(n / 5)],
  ['"INV-" and digits', (n) => 'INV-1 '.repeat(n / 6)],
  ['emoji', (n) => '👨‍👩‍👧‍👦'.repeat(n / 11)],
];

const quietly = (work: () => unknown) => {
  try {
    work();
  } catch {
    // A refusal is an answer too: what is measured is the time to give it.
  }
};

/** Nanoseconds per character of the slowest hostile shape, at length n. */
const nsPerChar = (parse: (text: string) => unknown, n: number): { ns: number; shape: string } => {
  let worst = { ns: 0, shape: '' };
  for (const [shape, make] of HOSTILE) {
    const text = make(n);
    // The fastest of a few runs: garbage collection and other work on the machine only ever add.
    let best = Infinity;
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      quietly(() => parse(text));
      best = Math.min(best, Number(process.hrtime.bigint() - started));
    }
    const ns = best / text.length;
    if (ns > worst.ns) worst = { ns, shape };
  }
  return worst;
};

const SIZES = [10_000, 40_000, 160_000];
const RUNS = 5;

if (require.main === module) {
  const rows = PARSERS.map(([name, parse]) => {
    nsPerChar(parse, 1_000); // warm up
    const figures = SIZES.map((n) => nsPerChar(parse, n));
    const growth = figures[figures.length - 1].ns / Math.max(figures[0].ns, 0.001);
    return { name, figures, growth };
  });
  const header = `| Parser | ${SIZES.map((n) => `ns/char at ${n / 1000}k`).join(' | ')} | 160k ÷ 10k | Slowest shape at 160k |`;
  console.log(header);
  console.log(`|${'---|'.repeat(SIZES.length + 3)}`);
  for (const { name, figures, growth } of rows) {
    console.log(`| ${name} | ${figures.map((figure) => figure.ns.toFixed(1)).join(' | ')} | ${growth.toFixed(1)}× | ${figures[figures.length - 1].shape} |`);
  }
}
