/**
 * Figures of the matching engine: its evaluation per labelled set and per kind (bench/matchingEval.ts), and the
 * weights table, generated from the engine's own constants (CONFIDENCE, DEFAULT_MIN_CONFIDENCE) so the doc cannot drift.
 */
import { CONFIDENCE, DEFAULT_MIN_CONFIDENCE } from '../../matching';
import { block, inline, type Figure } from './figure';
import type { MatchingScore } from './results';

const MATCHING = 'bench/results/matching.json';
const ENGINE = 'matching/evidence.ts';
const fixed = (value: number) => value.toFixed(3);
const scoreCells = (s: MatchingScore) => `${s.cases} | ${fixed(s.precision)} | ${fixed(s.recall)} | ${s.falseMatches}`;

/** Each weight, the key it belongs to (`matchedBy`) and when it applies. */
const WEIGHTS: Array<[keyof typeof CONFIDENCE, string, string]> = [
  ['metadataId', 'metadata_id', 'a customer id in the payment’s metadata'],
  ['invoiceWithAmount', 'invoice_number', 'an invoice number whose open amount is the payment’s; several invoices of one account adding up to it'],
  ['mollieCustomer', 'mollie_customer', 'the Mollie customer: its `cst_` id held in the CRM, or the CRM id in its metadata'],
  ['iban', 'iban', 'the payer’s IBAN'],
  ['invoiceShortForm', 'invoice_number', 'a marked short form (`Factuur 12` for `2026-0012`): the only invoice with that sequence and the exact amount'],
  ['email', 'email', 'an e-mail, exact after extraction'],
  ['narrowed', 'the deciding key', 'keys each shared by several accounts that together leave one (at most this)'],
  ['emailWithoutPlusTag', 'email', 'the mailbox without its `+tag` (`jan+shop@x.nl` for `jan@x.nl`)'],
];

/** The keys in the engine's order of priority (PRIORITY in matching/engine.ts), as a Zap builder names them. */
const KEY_ORDER: Array<[keyof typeof CONFIDENCE, string]> = [
  ['metadataId', 'customer id in the metadata'],
  ['invoiceWithAmount', 'invoice number with its amount'],
  ['mollieCustomer', 'Mollie customer'],
  ['iban', 'IBAN'],
  ['email', 'e-mail'],
];

export const MATCHING_FIGURES: Figure[] = [
  block('matching.weights', ENGINE, 'The weight of each key when it alone points to one account, from CONFIDENCE.', () =>
    [
      '| Key | `matchedBy` | Weight | `CONFIDENCE.` |',
      '| --- | --- | --- | --- |',
      ...WEIGHTS.map(([name, matchedBy, meaning]) => `| ${meaning} | ${matchedBy.includes(' ') ? matchedBy : `\`${matchedBy}\``} | ${CONFIDENCE[name]} | \`${name}\` |`),
    ].join('\n'),
  ),
  inline('matching.keyOrder', ENGINE, 'The keys in order of priority, each with its weight (CONFIDENCE), as the README lists them.', () =>
    KEY_ORDER.map(([name, label]) => `${label} ${CONFIDENCE[name]}`).join(' → '),
  ),
  inline('matching.minConfidence', 'matching/engine.ts', 'The lowest weight a match may have (DEFAULT_MIN_CONFIDENCE).', () => String(DEFAULT_MIN_CONFIDENCE)),
  block('matching.sets', MATCHING, 'The engine on every labelled case set: precision, recall, false matches.', ({ matching: m }) =>
    [
      '| Case set | Cases | Precision | Recall | False matches | Payers with an account not named |',
      '| --- | --- | --- | --- | --- | --- |',
      ...m.sets.map((set) => `| \`${set.file}\` | ${scoreCells(set)} | ${set.notNamed} |`),
    ].join('\n'),
  ),
  block('matching.kinds', MATCHING, 'The engine on every labelled case set, per kind of case.', ({ matching: m }) =>
    [
      '| Case set | Kind | Cases | Precision | Recall | False matches |',
      '| --- | --- | --- | --- | --- | --- |',
      ...m.sets.flatMap((set) => set.byKind.map((kind) => `| \`${set.file.replace(/^.*\//, '')}\` | ${kind.kind} | ${scoreCells(kind)} |`)),
    ].join('\n'),
  ),
];
