import { formatMinor, sameMoney, subtractMoney, toMinor } from '../money/money';
import { parseAmount, parseCurrency } from '../money/parse';
import { errorBody } from './helpers/connection';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return errorBody(error).message;
  }
  throw new Error('expected a refusal');
};

describe('amounts typed by users', () => {
  it.each([
    ['12.5', 'EUR', '12.50'],
    ['12.50', 'EUR', '12.50'],
    [' 7 ', 'EUR', '7.00'],
    ['0.01', 'EUR', '0.01'],
    ['1000', 'JPY', '1000'],
    [19.99, 'USD', '19.99'],
    ['999999999.99', 'EUR', '999999999.99'],
  ])('reads %p %s as %s', (raw, currency, value) => {
    expect(parseAmount(raw, currency)).toEqual({ currency, value });
  });

  it.each([
    ['12,50', 'EUR', /Amount "12,50" uses a comma/],
    ['-1', 'EUR', /Amount must be more than zero/],
    ['0', 'EUR', /Amount must be more than zero/],
    ['0.00', 'EUR', /Amount must be more than zero/],
    ['1e3', 'EUR', /Amount "1e3" is not an amount/],
    ['0.001', 'EUR', /more decimals than EUR allows \(2\)/],
    ['10.5', 'JPY', /more decimals than JPY allows \(0\)/],
    ['abc', 'EUR', /"abc" is not an amount/],
    ['', 'EUR', /Amount is empty/],
    ['1000000000', 'EUR', /larger than any payment/],
    ['12.50 EUR', 'EUR', /is not an amount/],
    ['€12.50', 'EUR', /is not an amount/],
  ])('refuses %p in %s, naming the field', (raw, currency, problem) => {
    expect(refusal(() => parseAmount(raw, currency))).toMatch(problem);
  });

  it('names the field it was given', () => {
    expect(refusal(() => parseAmount('x', 'EUR', 'Invoice amount'))).toMatch(/^Invoice amount /);
  });
});

describe('currencies', () => {
  it('reads a code in any case', () => expect(parseCurrency(' eur ')).toBe('EUR'));
  it.each([['', /Currency is empty/], ['EURO', /"EURO" is not a currency Mollie accepts/], ['XBT', /not a currency/]])(
    'refuses %p',
    (raw, problem) => expect(refusal(() => parseCurrency(raw))).toMatch(problem),
  );
});

describe('arithmetic in minor units', () => {
  it('keeps each currency’s decimals', () => {
    expect(toMinor({ currency: 'EUR', value: '10.05' })).toBe(1005n);
    expect(toMinor({ currency: 'JPY', value: '1500' })).toBe(1500n);
    expect(formatMinor(5n, 'EUR')).toBe('0.05');
    expect(formatMinor(-250n, 'EUR')).toBe('-2.50');
    expect(formatMinor(1500n, 'JPY')).toBe('1500');
  });

  it('subtracts without float errors', () => {
    expect(subtractMoney({ currency: 'EUR', value: '0.30' }, { currency: 'EUR', value: '0.10' })).toEqual({ currency: 'EUR', value: '0.20' });
    expect(sameMoney({ currency: 'EUR', value: '121' }, { currency: 'EUR', value: '121.00' })).toBe(true);
    expect(() => subtractMoney({ currency: 'EUR', value: '1.00' }, { currency: 'USD', value: '1.00' })).toThrow(/Cannot subtract/);
  });
});
