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
});
