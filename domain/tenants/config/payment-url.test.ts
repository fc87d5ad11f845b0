import { describe, expect, it } from 'vitest';
import { checkPaymentUrlTemplate, fillPaymentUrl } from './payment-url.js';

describe('payment URL template', () => {
  it('accepts an https URL with the four placeholders in path and query', () => {
    const template = 'https://betalen.example.nl/factuur/{number}?bedrag={amount}&valuta={currency}&kenmerk={reference}';
    expect(checkPaymentUrlTemplate(`  ${template} `)).toEqual({ ok: true, value: template });
  });

  it('refuses plain http, unknown placeholders, a host made of a placeholder and what is no URL, each with its code', () => {
    expect(checkPaymentUrlTemplate('http://betalen.example.nl/?nr={number}')).toMatchObject({
      ok: false,
      code: 'PAYMENT_URL_NOT_HTTPS',
    });
    expect(checkPaymentUrlTemplate('https://betalen.example.nl/?nr={invoice}')).toMatchObject({
      ok: false,
      code: 'PAYMENT_URL_PLACEHOLDER_UNKNOWN',
      params: { placeholder: '{invoice}', allowed: '{number}, {amount}, {currency}, {reference}' },
    });
    for (const bad of [
      'https://{number}.example.nl/',
      'https://pay.example.nl{reference}/x',
      'betalen.example.nl',
      'https://a b.nl/',
    ]) {
      expect(checkPaymentUrlTemplate(bad), bad).toMatchObject({ ok: false, code: 'PAYMENT_URL_INVALID' });
    }
    expect(checkPaymentUrlTemplate(`https://pay.example.nl/?x=${'a'.repeat(2000)}`)).toMatchObject({
      ok: false,
      code: 'TOO_LONG',
    });
  });

  it('fills each placeholder URL-encoded, the amount with two decimals and a dot', () => {
    const url = fillPaymentUrl('https://pay.example.nl/{number}?a={amount}&c={currency}&r={reference}', {
      number: 'F/2026 01?',
      amount: 99.9,
      currency: 'EUR',
      reference: 'a&b=c#d',
    });
    expect(url).toBe('https://pay.example.nl/F%2F2026%2001%3F?a=99.90&c=EUR&r=a%26b%3Dc%23d');
  });

  it('gives no link when the template needs a value the invoice lacks, and ignores values it does not use', () => {
    const invoice = { number: 'F-1', amount: null, currency: 'EUR', reference: null };
    expect(fillPaymentUrl('https://pay.example.nl/?a={amount}', invoice)).toBeNull();
    expect(fillPaymentUrl('https://pay.example.nl/?r={reference}', invoice)).toBeNull();
    expect(fillPaymentUrl('https://pay.example.nl/?n={number}', invoice)).toBe('https://pay.example.nl/?n=F-1');
  });

  it('takes a template of exactly 2000 characters and refuses one longer, naming the limit', () => {
    const base = 'https://pay.example.nl/?x=';
    const longest = `${base}${'a'.repeat(2000 - base.length)}`;
    expect(checkPaymentUrlTemplate(longest)).toEqual({ ok: true, value: longest });
    expect(checkPaymentUrlTemplate(`${longest}a`)).toEqual({
      ok: false,
      code: 'TOO_LONG',
      message: 'The payment URL is 2001 characters long; at most 2000 are allowed.',
      params: { max: 2000 },
    });
  });

  it('refuses whitespace a URL parser would quietly drop or encode', () => {
    for (const bad of [
      'https://pay.example.nl/?nr={number}&x=a b',
      'https://pay.exa\tmple.nl/?nr={number}',
      'https://pay.example.nl/\n?nr=1',
    ]) {
      expect(checkPaymentUrlTemplate(bad), JSON.stringify(bad)).toEqual({
        ok: false,
        code: 'PAYMENT_URL_INVALID',
        message: 'The payment URL must not contain spaces.',
        params: {},
      });
    }
  });

  it('says which placeholder it does not know and which it does, and explains each refusal', () => {
    const long = 'x'.repeat(60);
    expect(checkPaymentUrlTemplate(`https://pay.example.nl/?nr={${long}}`)).toEqual({
      ok: false,
      code: 'PAYMENT_URL_PLACEHOLDER_UNKNOWN',
      message: `Unknown placeholder {${long}}; use {number}, {amount}, {currency}, {reference}.`,
      params: { placeholder: `{${'x'.repeat(40)}}`, allowed: '{number}, {amount}, {currency}, {reference}' },
    });
    expect(checkPaymentUrlTemplate('betalen.example.nl/?nr={number}')).toMatchObject({
      message: 'The payment URL is not a URL such as https://pay.example.nl/?invoice={number}.',
    });
    expect(checkPaymentUrlTemplate('http://betalen.example.nl/')).toMatchObject({
      message: 'The payment URL must start with https://.',
    });
    expect(checkPaymentUrlTemplate('https://{number}.example.nl/')).toMatchObject({
      message: 'The payment URL must name its host itself; placeholders may only be used in the path or query.',
    });
    expect(checkPaymentUrlTemplate('https://user:secret@pay.example.nl/?nr={number}')).toMatchObject({
      code: 'PAYMENT_URL_INVALID',
    });
  });

  it('gives no link for an amount that is not a finite number, nor for a placeholder it does not know', () => {
    const invoice = { number: 'F-1', amount: Number.NaN, currency: 'EUR', reference: 'R-1' };
    expect(fillPaymentUrl('https://pay.example.nl/?a={amount}', invoice)).toBeNull();
    expect(fillPaymentUrl('https://pay.example.nl/?a={amount}', { ...invoice, amount: Infinity })).toBeNull();
    expect(fillPaymentUrl('https://pay.example.nl/?a={amount}', { ...invoice, amount: 0 })).toBe(
      'https://pay.example.nl/?a=0.00',
    );
    expect(fillPaymentUrl('https://pay.example.nl/?q={invoice}&n={number}', invoice)).toBeNull();
    expect(fillPaymentUrl('https://pay.example.nl/?n={number}&c={currency}', { ...invoice, currency: '' })).toBeNull();
  });
});
