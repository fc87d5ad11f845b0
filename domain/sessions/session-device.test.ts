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
    // A webview without its browser's version token is not claimed to be Safari.
    expect(
      summariseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: null, os: 'iOS' });
    expect(sessionDeviceOf(null)).toEqual({ browser: null, os: null, network: null });
  });

  it('reads only the first 512 characters of a user agent', () => {
    expect(summariseUserAgent(`${'x'.repeat(512)} (Windows NT 10.0) Firefox/128.0`)).toEqual({ browser: null, os: null });
    expect(summariseUserAgent(`${'x'.repeat(400)} (Windows NT 10.0) Firefox/128.0`)).toEqual({
      browser: 'Firefox',
      os: 'Windows',
    });
  });

  it('keeps only the network of an address', () => {
    expect(coarseNetwork('192.0.2.77')).toBe('192.0.2.0/24');
    expect(coarseNetwork('::ffff:198.51.100.23')).toBe('198.51.100.0/24');
    expect(coarseNetwork('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48');
    expect(coarseNetwork('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(coarseNetwork('::1')).toBe('0:0:0::/48');
    expect(coarseNetwork('fe80::1%eth0')).toBe('fe80:0:0::/48');
    expect(coarseNetwork('::FFFF:198.51.100.23')).toBe('198.51.100.0/24');
    expect(coarseNetwork('2001:DB8:00A0::1')).toBe('2001:db8:a0::/48');
    expect(coarseNetwork('2001:0db8:0000::1')).toBe('2001:db8:0::/48');
    expect(coarseNetwork('2001:db8::abcd:1234:5678:9abc:def0')).toBe('2001:db8:0::/48');
    expect(coarseNetwork('2001::1:2:3:4:5:6')).toBe('2001:0:1::/48');
    expect(coarseNetwork('::1:2:3:4:5:6:7')).toBe('0:1:2::/48');
    expect(coarseNetwork('::1:2:3:4:5:192.0.2.1')).toBe('0:1:2::/48');
    expect(coarseNetwork('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1::/48');
    // Only the ::ffff: prefix makes an IPv6 address an IPv4 one.
    expect(coarseNetwork('1::ffff:192.0.2.1')).toBe('1:0:0::/48');
    expect(coarseNetwork('not-an-address')).toBeNull();
    expect(coarseNetwork('')).toBeNull();
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

describe('recognising the devices people use', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0',
      'Edge',
      'Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/131.0.2903.51 Mobile/15E148 Safari/605.1.15',
      'Edge',
      'iOS',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
      'Edge',
      'Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/116.0.0.0',
      'Opera',
      'Windows',
    ],
    ['Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.18', 'Opera', 'Windows'],
    [
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/131.0 Mobile/15E148 Safari/605.1.15',
      'Firefox',
      'iOS',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'Chrome',
      'Linux',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/120.0.0.0 Safari/537.36',
      'Chrome',
      'Linux',
    ],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome',
      'ChromeOS',
    ],
    [
      'Mozilla/5.0 (iPod touch; CPU iPhone OS 12_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1',
      'Safari',
      'iOS',
    ],
  ])('names the browser and system of %s', (userAgent, browser, os) => {
    expect(summariseUserAgent(userAgent)).toEqual({ browser, os });
  });
});
