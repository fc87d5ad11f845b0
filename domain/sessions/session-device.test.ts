import { describe, expect, it } from 'vitest';
import { coarseNetwork, sessionDeviceOf, summariseUserAgent } from './session-device.js';

describe('what a session keeps of its device', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome',
      'Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge',
      'Windows',
    ],
    ['Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0', 'Firefox', 'Android'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Safari',
      'iOS',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1',
      'Chrome',
      'iOS',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari',
      'macOS',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox', 'Linux'],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Samsung Internet',
      'Android',
    ],
  ])('names the browser and system of %s', (userAgent, browser, os) => {
    expect(summariseUserAgent(userAgent)).toEqual({ browser, os });
  });

  it('says nothing it cannot tell', () => {
    expect(summariseUserAgent('curl/8.5.0')).toEqual({ browser: null, os: null });
    expect(summariseUserAgent(null)).toEqual({ browser: null, os: null });
  });

  it('keeps only the network of an address', () => {
    expect(coarseNetwork('192.0.2.77')).toBe('192.0.2.0/24');
    expect(coarseNetwork('::ffff:198.51.100.23')).toBe('198.51.100.0/24');
    expect(coarseNetwork('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48');
    expect(coarseNetwork('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(coarseNetwork('::1')).toBe('0:0:0::/48');
    expect(coarseNetwork('fe80::1%eth0')).toBe('fe80:0:0::/48');
    expect(coarseNetwork('not-an-address')).toBeNull();
    expect(coarseNetwork(null)).toBeNull();
  });

  it('stores neither the raw user agent nor the full address', () => {
    const device = sessionDeviceOf({
      ip: '203.0.113.9',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0 secret-build-42',
    });
    expect(device).toEqual({ browser: 'Firefox', os: 'Linux', network: '203.0.113.0/24' });
    expect(JSON.stringify(device)).not.toMatch(/203\.0\.113\.9|secret-build/);
  });
});
