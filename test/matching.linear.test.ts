/**
 * Reading a description costs work in proportion to its length: counted as
 * regular-expression executions (every pattern the reading runs goes through
 * RegExp.prototype.exec), never timed (timings are in bench/perf/matching.ts).
 */
import { matchPayment, readPayment } from '../matching';

const ADVERSARIAL = ['#1, ', 'Factuur 2026-0012 en ', '1 ', '+1 ', 'NL91 ', 'x@', 'a.', '+++090/9337/55493+++ ', 'Rechnung RE-2026-0024, Hauptstraße 12, 10115 Berlin, Tel. 030 1234567 '];

/** How many regular-expression executions reading `description` takes. */
const executions = (description: string): number => {
  const exec = RegExp.prototype.exec;
  let count = 0;
  RegExp.prototype.exec = function counted(this: RegExp, input: string) {
    count++;
    return exec.call(this, input);
  };
  try {
    readPayment({ description, metadata: { note: description } });
  } finally {
    RegExp.prototype.exec = exec;
  }
  return count;
};
const text = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

describe('reading grows linearly with the length of the text', () => {
  it.each(ADVERSARIAL)('%j: ten times the text, at most about ten times the work', (unit) => {
    const small = executions(text(unit, 2_000));
    const large = executions(text(unit, 20_000));
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(small * 11);
  });

  it('a list of `#1, #1, …` of 200,000 characters completes and reads one invoice', () => {
    const reading = readPayment({ description: text('#1, ', 200_000) });
    expect(reading.invoices).toEqual([{ number: '1', canonical: '1', source: 'description', weak: true }]);
  });

  it('matching such a payment completes too, against accounts with many invoices', () => {
    const accounts = [{ id: 'a', name: 'A', emails: [], customerIds: [], invoices: Array.from({ length: 500 }, (_, i) => ({ number: `2026-${i}`, amount: { value: '1.00', currency: 'EUR' }, state: 'open' as const })) }];
    const description = Array.from({ length: 2_000 }, (_, i) => `Factuur 2026-${i}`).join(', ');
    expect(matchPayment({ description, amount: { value: '7.00', currency: 'EUR' } }, undefined, accounts).reason).toBe('weak_evidence');
  });
});
