import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { candidateQuery, canonicalInvoiceNumber, exactEmailBaseline, matchPayment, readText } from '../matching';
import { evaluate, readCases } from '../matching/evaluate';
import type { MatchAccount, MatchPaymentInput } from '../matching';
import cases from './matching-cases.json';

const eur = (value: string) => ({ value, currency: 'EUR' });
const devries: MatchAccount = {
  id: 'acc-1',
  name: 'Bakkerij de Vries B.V.',
  emails: ['info@bakkerijdevries.nl'],
  customerIds: ['C-1042'],
  invoices: [{ number: 'INV-2024-0012', amount: eur('121.00'), state: 'open' }],
};
const jansen: MatchAccount = {
  id: 'acc-2',
  name: 'Bouwbedrijf Jansen',
  emails: ['Administratie@Jansenbouw.nl ', 'piet@jansenbouw.nl'],
  customerIds: ['C-2077', 'cst_JansenMollie'],
  invoices: [
    { number: 'INV-2023-0012', amount: eur('80.00'), state: 'late' },
    { number: 'INV-2024-0031', amount: eur('450.00'), state: 'open' },
  ],
};
const twin: MatchAccount = { id: 'acc-3', name: 'Bakkerij de Vries B.V.', emails: ['bestellingen@devries-brood.nl'], customerIds: ['C-3001'] };
const accounts = [devries, jansen, twin];
const pay = (fields: Partial<MatchPaymentInput> = {}): MatchPaymentInput => ({ id: 'tr_1', amount: eur('10.00'), description: 'Order 5521', ...fields });
const match = (fields: Partial<MatchPaymentInput>, list = accounts, customer?: Record<string, unknown>) => matchPayment(pay(fields), customer, list);

describe('matching: invoice numbers', () => {
  it.each([
    ['INV-2024-0012', '2024-12'],
    ['Factuur 2024/12', '2024-12'],
    ['inv2024.012', '2024-12'],
    ['F2024-0012', '2024-12'],
    ['#12', '12'],
    ['CN-2024-0012', 'CN-2024-12'],
    ['INV-2024-0120', '2024-120'],
  ])('%s is read as %s', (written, canonical) => {
    expect(canonicalInvoiceNumber(written)).toBe(canonical);
  });

  it('finds them in descriptions written many ways, and lists of them', () => {
    const numbers = (text: string) => readText(text).invoices.map((found) => found.canonical);
    expect(numbers('Payment for invoice INV-2024-0012, thanks')).toEqual(['2024-12']);
    expect(numbers('Betaling factuurnummer: F2024-0012')).toEqual(['2024-12']);
    expect(numbers('Invoice no. 12')).toEqual(['12']);
    expect(numbers('Invoices 2024-0012 and 2024-0013')).toEqual(['2024-12', '2024-13']);
    expect(numbers('Order 2024-0012 / 12 flowers')).toEqual([]);
    expect(numbers('INV-2024-0012a')).toEqual(['2024-12-A']);
  });

  it('decides explicitly that padding does not make invoices differ, but years and letters do', () => {
    expect(canonicalInvoiceNumber('INV-2024-0012')).toBe(canonicalInvoiceNumber('2024-12'));
    expect(canonicalInvoiceNumber('INV-2024-0012')).not.toBe(canonicalInvoiceNumber('INV-2023-0012'));
    expect(canonicalInvoiceNumber('INV-2024-0012')).not.toBe(canonicalInvoiceNumber('INV-2024-0120'));
    expect(canonicalInvoiceNumber('INV-2024-0012')).not.toBe(canonicalInvoiceNumber('CN-2024-0012'));
  });
});

describe('matching: each rule', () => {
  it('a customer ID in metadata decides first, with any configured key, case and spaces', () => {
    const result = match({ metadata: { customer_id: ' c-1042 ' } });
    expect(result).toMatchObject({ accountId: 'acc-1', matchedBy: 'metadata_id', confidence: 1, reason: null });
    expect(matchPayment(pay({ metadata: { relnr: 'C-1042' } }), undefined, accounts, { metadataIdKeys: ['relnr'] }).accountId).toBe('acc-1');
    expect(match({ metadata: { relnr: 'C-1042' } }).accountId).toBeNull();
  });

  it('metadata may be a JSON string', () => {
    expect(match({ metadata: '{"customerId":"C-2077"}' }).accountId).toBe('acc-2');
  });

  it('an invoice number with the invoice’s amount decides', () => {
    expect(match({ description: 'Factuur 2024/12', amount: eur('121.00') })).toMatchObject({ accountId: 'acc-1', matchedBy: 'invoice_number', confidence: 0.95 });
    expect(match({ metadata: { invoiceNumber: 'inv-2024-0031' }, amount: eur('450.00') }).accountId).toBe('acc-2');
  });

  it('an invoice number with another amount does not decide (partial payments included)', () => {
    const result = match({ description: 'INV-2024-0012', amount: eur('60.50') });
    expect(result).toMatchObject({ accountId: null, reason: 'weak_evidence' });
    expect(result.evidence[0].note).toMatch(/differs from invoice INV-2024-0012/);
  });

  it('a partial payment is matched when another key names the same account', () => {
    const result = match({ description: 'INV-2024-0012', amount: eur('60.50'), billingAddress: { email: 'info@bakkerijdevries.nl' } });
    expect(result).toMatchObject({ accountId: 'acc-1', matchedBy: 'email' });
  });

  it('an invoice already paid does not decide a new payment', () => {
    const paid = { ...devries, invoices: [{ number: 'INV-2024-0012', amount: eur('121.00'), state: 'paid' as const }] };
    expect(match({ description: 'INV-2024-0012', amount: eur('121.00') }, [paid]).reason).toBe('weak_evidence');
  });

  it('a short "#12" matches INV-2024-0012 only with the exact amount and only one such invoice', () => {
    expect(match({ description: 'Invoice #12', amount: eur('121.00') })).toMatchObject({ accountId: 'acc-1', confidence: 0.85 });
    expect(match({ description: 'Invoice #12', amount: eur('80.00') }).accountId).toBe('acc-2');
    expect(match({ description: 'Invoice #12', amount: eur('99.00') }).reason).toBe('none_found');
    const sameAmount = { ...twin, invoices: [{ number: 'INV-2022-0012', amount: eur('121.00'), state: 'open' as const }] };
    expect(match({ description: 'Invoice #12', amount: eur('121.00') }, [devries, sameAmount]).reason).toBe('ambiguous');
  });

  it('several invoices of one account that add up to the payment decide', () => {
    const result = match({ description: 'Invoices INV-2023-0012 and INV-2024-0031', amount: eur('530.00') });
    expect(result).toMatchObject({ accountId: 'acc-2', matchedBy: 'invoice_number' });
  });

  it('the Mollie customer decides: its id held in the CRM, or the CRM customer ID in its metadata', () => {
    expect(match({ customerId: 'cst_JansenMollie' })).toMatchObject({ accountId: 'acc-2', matchedBy: 'mollie_customer', confidence: 0.9 });
    const customer = { id: 'cst_x', metadata: { crmCustomerId: 'C-1042' } };
    expect(match({ customerId: 'cst_x' }, accounts, customer)).toMatchObject({ accountId: 'acc-1', matchedBy: 'mollie_customer' });
  });

  it('e-mail from the billing address, the PayPal payer or the Mollie customer, trimmed and without case', () => {
    expect(match({ billingAddress: { email: '  INFO@BakkerijDeVries.nl ' } })).toMatchObject({ accountId: 'acc-1', matchedBy: 'email', confidence: 0.8 });
    expect(match({ method: 'paypal', details: { consumerAccount: 'piet@JANSENBOUW.nl' } }).accountId).toBe('acc-2');
    expect(match({ customerId: 'cst_y' }, accounts, { id: 'cst_y', email: 'administratie@jansenbouw.nl' }).accountId).toBe('acc-2');
  });

  it('a +tag is a weaker e-mail key, used only when the exact address is unknown', () => {
    expect(match({ billingAddress: { email: 'info+mollie@bakkerijdevries.nl' } })).toMatchObject({ accountId: 'acc-1', confidence: 0.7 });
    expect(matchPayment(pay({ billingAddress: { email: 'info+mollie@bakkerijdevries.nl' } }), undefined, accounts, { plusAddressing: false }).accountId).toBeNull();
    expect(matchPayment(pay({ billingAddress: { email: 'info+mollie@bakkerijdevries.nl' } }), undefined, accounts, { minConfidence: 0.8 }).reason).toBe('weak_evidence');
  });

  it('never matches a mistyped e-mail or a name', () => {
    expect(match({ billingAddress: { email: 'info@bakkerijdevreis.nl' } })).toMatchObject({ accountId: null, reason: 'none_found' });
    const byName = match({ description: 'Betaling Bakkerij de Vries B.V.', billingAddress: { organizationName: 'Bakkerij de Vries B.V.' } as never });
    expect(byName).toMatchObject({ accountId: null, reason: 'none_found', candidates: [] });
  });

  it('a payment with nothing to go on says so', () => {
    expect(match({ description: '' }).explanation).toMatch(/carries no customer ID, invoice number, IBAN or e-mail/);
  });
});

describe('matching: ambiguity and conflicts', () => {
  const shared = 'boekhouding@kantoor.nl';
  const sharing = [
    { ...devries, emails: [...devries.emails, shared] },
    { ...jansen, emails: [...jansen.emails, shared.toUpperCase()] },
    twin,
  ];

  it('an e-mail shared by two accounts alone is ambiguous, with both candidates', () => {
    const result = match({ billingAddress: { email: shared } }, sharing);
    expect(result).toMatchObject({ accountId: null, reason: 'ambiguous' });
    expect(result.candidates.map((candidate) => candidate.id)).toEqual(['acc-1', 'acc-2']);
  });

  it('a shared e-mail plus a key that picks one of them is a match', () => {
    expect(match({ billingAddress: { email: shared }, description: 'INV-2024-0031', amount: eur('450.00') }, sharing)).toMatchObject({ accountId: 'acc-2', matchedBy: 'invoice_number' });
  });

  it('a shared e-mail narrowed by a partial payment’s invoice is a match, less sure', () => {
    expect(match({ billingAddress: { email: shared }, description: 'INV-2024-0012', amount: eur('50.00') }, sharing)).toMatchObject({ accountId: 'acc-1', confidence: 0.75 });
  });

  it('two keys pointing to different accounts are a conflict, not a pick', () => {
    const result = match({ metadata: { customerId: 'C-1042' }, billingAddress: { email: 'piet@jansenbouw.nl' } });
    expect(result).toMatchObject({ accountId: null, reason: 'conflict' });
    expect(result.explanation).toMatch(/Bakkerij de Vries B\.V\..*Bouwbedrijf Jansen/);
    expect(match({ description: 'INV-2024-0012', amount: eur('121.00'), method: 'paypal', details: { consumerAccount: 'piet@jansenbouw.nl' } }).reason).toBe('conflict');
  });

  it('a decisive key against a shared e-mail that does not include its account is a conflict', () => {
    expect(match({ billingAddress: { email: shared }, metadata: { customerId: 'C-3001' } }, sharing).reason).toBe('conflict');
  });

  it('an invoice with another amount pointing elsewhere still blocks a match', () => {
    expect(match({ billingAddress: { email: 'info@bakkerijdevries.nl' }, description: 'INV-2024-0031', amount: eur('121.00') }).reason).toBe('conflict');
  });
});

describe('matching: keys the CRM holds more accounts for than were read', () => {
  const coop = 'office@coop.nl';
  const other = 'ledger@coop.nl';
  const member = (n: number, emails: string[], customerIds: string[] = []): MatchAccount => ({ id: `m-${n}`, name: `Member ${n}`, emails, customerIds });
  type Row = [string, Partial<MatchPaymentInput>, MatchAccount[], string[], { accountId: string | null; reason: string | null }, RegExp];
  const rows: Row[] = [
    ['one e-mail carrier read of many is no match', { billingAddress: { email: coop } }, [member(1, [coop])], [coop], { accountId: null, reason: 'ambiguous' }, /belongs to more accounts than were read \(1 checked: Member 1\)/],
    ['several read of many says so, not "belongs to 3"', { billingAddress: { email: coop } }, [1, 2, 3].map((n) => member(n, [coop])), [coop], { accountId: null, reason: 'ambiguous' }, /more accounts than were read \(3 checked: Member 1, Member 2, Member 3\)/],
    [
      'two keys both read in part never narrow to one',
      { billingAddress: { email: coop }, metadata: { email: other } },
      [member(1, [coop, other]), member(2, [coop]), member(3, [other])],
      [coop, other],
      { accountId: null, reason: 'ambiguous' },
      /more accounts than were read/,
    ],
    [
      'a key read in part narrowed by a key read in full is a match',
      { billingAddress: { email: coop }, metadata: { email: other } },
      [member(1, [coop, other]), member(2, [coop]), member(3, [other])],
      [coop],
      { accountId: 'm-1', reason: null },
      /Matched Member 1/,
    ],
    ['a unique customer ID decides even beside an e-mail read in part', { billingAddress: { email: coop }, metadata: { customerId: 'C-9' } }, [member(1, [coop], ['C-9']), member(2, [coop])], [coop], { accountId: 'm-1', reason: null }, /metadata\.customerId "C-9"/],
    ['a unique customer ID whose account lacks that e-mail is a conflict', { billingAddress: { email: coop }, metadata: { customerId: 'C-9' } }, [member(1, ['solo@coop.nl'], ['C-9']), member(2, [coop])], [coop], { accountId: null, reason: 'conflict' }, /points to Member 1/],
    ['a customer ID read in part never decides', { metadata: { customerId: 'C-9' } }, [member(1, [], ['C-9'])], ['C-9'], { accountId: null, reason: 'ambiguous' }, /more accounts than were read/],
    ['nothing found among what was read says that not all was read', { billingAddress: { email: coop } }, [], [coop], { accountId: null, reason: 'none_found' }, /Not every account with billingAddress\.email "office@coop\.nl" was read/],
    ['the mailbox without a +tag read in part never decides', { billingAddress: { email: 'office+shop@coop.nl' } }, [member(1, [coop])], [coop], { accountId: null, reason: 'ambiguous' }, /more accounts than were read/],
  ];

  it.each(rows)('%s', (_name, fields, list, incompleteKeys, expected, explanation) => {
    const result = matchPayment(pay(fields), undefined, list, { incompleteKeys });
    expect(result).toMatchObject(expected);
    expect(result.explanation).toMatch(explanation);
  });

  it('a key read in full is unaffected: one carrier is a match', () => {
    expect(matchPayment(pay({ billingAddress: { email: coop } }), undefined, [member(1, [coop])], { incompleteKeys: [other] })).toMatchObject({ accountId: 'm-1' });
  });
});

describe('matching: what to ask the CRM', () => {
  it('lists every e-mail, customer ID and invoice number the payment and its customer carry', () => {
    const query = candidateQuery(
      pay({
        description: 'Factuur 2024/12 en INV-2024-0013',
        metadata: { customer_id: 'C-1042', invoice: 'INV-2024-0031' },
        billingAddress: { email: ' Jan+Shop@Example.NL ' },
        customerId: 'cst_abc',
      }),
      { id: 'cst_abc', email: 'jan@example.nl', metadata: { accountId: '991' } },
    );
    expect(query).toEqual({
      emails: ['jan+shop@example.nl', 'jan@example.nl'],
      customerIds: ['C-1042', 'cst_abc', '991'],
      invoiceNumbers: ['INV-2024-0031', '2024/12', 'INV-2024-0013'],
      ibans: [],
    });
  });
});

describe('matching: evaluation', () => {
  it('the labelled set is large and hard enough, and the engine makes no false match on it', () => {
    const set = readCases(cases);
    expect(set.length).toBeGreaterThanOrEqual(200);
    const { score, baseline } = evaluate(set);
    expect(score.falseMatches).toBe(0);
    expect(score.precision).toBe(1);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(baseline.falseMatches).toBeGreaterThan(0);
  });

  it('the baseline takes the first account with exactly the same string', () => {
    expect(exactEmailBaseline(pay({ billingAddress: { email: 'info@bakkerijdevries.nl' } }), undefined, accounts)).toBe('acc-1');
    expect(exactEmailBaseline(pay({ billingAddress: { email: 'INFO@bakkerijdevries.nl' } }), undefined, accounts)).toBeNull();
  });

  it('refuses malformed case files, naming the case', () => {
    expect(() => readCases({})).toThrow('the file must hold a JSON array of cases');
    expect(() => readCases([{ id: 'x', payment: {}, accounts: [], expected: 'acc-9' }])).toThrow('case #1 (x): "expected" names acc-9');
    expect(() => readCases([{ id: 'x', payment: {}, accounts: [{ id: 'a', name: 'A' }], expected: null }])).toThrow(/needs "emails" and "customerIds"/);
  });

  describe('npm run match:eval', () => {
    const run = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/match-eval.ts', ...args], { cwd: join(__dirname, '..'), encoding: 'utf8' });

    it('prints one JSON line per case, the summary and the baseline, nothing else', () => {
      const dir = mkdtempSync(join(tmpdir(), 'match-eval-'));
      const file = join(dir, 'cases.json');
      // Cases without a kind: no per-kind lines (the file format of ../shared/matching-cases.md).
      writeFileSync(file, JSON.stringify((cases as Array<Record<string, unknown>>).slice(0, 3).map(({ kind: _kind, ...rest }) => rest)));
      const lines = execFileSync('npx', ['tsx', 'scripts/match-eval.ts', file], { cwd: join(__dirname, '..'), encoding: 'utf8' }).trim().split('\n');
      expect(lines).toHaveLength(5);
      for (const line of lines.slice(0, 3)) expect(Object.keys(JSON.parse(line))).toEqual(['id', 'accountId', 'matchedBy', 'confidence', 'correct']);
      expect(lines[3]).toMatch(/^precision=\d\.\d{3} recall=\d\.\d{3} false_matches=\d+ cases=3$/);
      expect(lines[4]).toMatch(/^baseline exact-email: precision=\d\.\d{3} recall=\d\.\d{3} false_matches=\d+$/);
    });

    it('exits 1 with a clear message for a missing or malformed file', () => {
      const missing = run('/nonexistent/cases.json');
      expect(missing.status).toBe(1);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toMatch(/cannot read \/nonexistent\/cases.json: ENOENT/);
      const dir = mkdtempSync(join(tmpdir(), 'match-eval-'));
      writeFileSync(join(dir, 'bad.json'), '{"not": "cases"');
      const bad = run(join(dir, 'bad.json'));
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/is not a matching case file/);
    });
  });
});
