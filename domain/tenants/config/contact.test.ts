import { describe, expect, it } from 'vitest';
import { normaliseSupportEmail, normaliseSupportPhone } from './contact.js';

describe('support email', () => {
  it('accepts ordinary addresses, trimmed', () => {
    expect(normaliseSupportEmail(' klantenservice@bakker.nl ')).toEqual({ ok: true, value: 'klantenservice@bakker.nl' });
    expect(normaliseSupportEmail('info+portaal@sub.example.co.uk')).toEqual({
      ok: true,
      value: 'info+portaal@sub.example.co.uk',
    });
  });

  it('refuses what is not an address', () => {
    for (const bad of ['bakker.nl', 'info@bakker', 'in fo@bakker.nl', 'info@@bakker.nl', '<info@bakker.nl>']) {
      expect(normaliseSupportEmail(bad)).toMatchObject({
        ok: false,
        message: `Support email "${bad}" is not a valid email address such as klantenservice@example.nl.`,
      });
    }
  });
});

describe('support phone', () => {
  it('accepts international (E.164) and Dutch national numbers as typed', () => {
    for (const good of [
      '+31 20 123 4567',
      '+31201234567',
      '+31 (0)20 123 4567',
      '020-1234567',
      '(020) 123 45 67',
      '06-12345678',
      '0800-1234',
      '0900 123 4567',
      '+32 2 123 45 67',
    ]) {
      expect(normaliseSupportPhone(good)).toEqual({ ok: true, value: good });
    }
    expect(normaliseSupportPhone('  020  123  4567 ')).toEqual({ ok: true, value: '020 123 4567' });
  });

  it('refuses letters, wrong lengths and numbers without a trunk or country prefix', () => {
    for (const bad of ['bel ons', '020-123456', '020-12345678', '1234567890', '+0031 20 1234567', '+31 2', '0800-12345']) {
      expect(normaliseSupportPhone(bad)).toMatchObject({
        ok: false,
        message: `Support phone "${bad}" is not a valid phone number; use +31 20 123 4567, 020-1234567 or 0800-1234.`,
      });
    }
  });
});
