import { isIPv4, isIPv6 } from 'node:net';

/**
 * What a session remembers of the device that opened it, for the customer's "active sessions"
 * list: enough to recognise "Firefox on Android at home", no more. The raw user agent and the full
 * address are never stored (data minimisation): only the browser and system names, and the
 * network the address belongs to (IPv4 /24, IPv6 /48).
 */
export interface SessionDevice {
  browser: string | null;
  os: string | null;
  network: string | null;
}

export const UNKNOWN_DEVICE: SessionDevice = { browser: null, os: null, network: null };

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(Chrome|CriOS|Chromium|HeadlessChrome)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const firstMatch = (table: ReadonlyArray<[RegExp, string]>, text: string) =>
  table.find(([pattern]) => pattern.test(text))?.[1] ?? null;

/** "Chrome" and "Windows" from a user agent; null for what it does not recognise. */
export function summariseUserAgent(userAgent: string | null | undefined): Pick<SessionDevice, 'browser' | 'os'> {
  const text = (userAgent ?? '').slice(0, 512);
  return { browser: firstMatch(BROWSERS, text), os: firstMatch(SYSTEMS, text) };
}

/** The network an address belongs to: "192.0.2.0/24", "2001:db8:1::/48"; null when it is not an address. */
export function coarseNetwork(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const v4 = mapped ?? ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(ip)) return null;
  const groups = expandIPv6(ip.split('%')[0]!);
  return `${groups
    .slice(0, 3)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/48`;
}

/** The eight groups of a valid IPv6 address, with "::" filled in (none to fill without one). */
function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.split('::');
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groupsOf(head);
  const right = groupsOf(tail);
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; only the first three groups matter here.
  const width = (parts: string[]) => parts.reduce((n, part) => n + (part.includes('.') ? 2 : 1), 0);
  const fill = Array.from({ length: 8 - width(left) - width(right) }, () => '0');
  return [...left, ...fill, ...right].map((group) => group.toLowerCase());
}

/** The device of a request, as a session keeps it. */
export function sessionDeviceOf(meta: { ip: string | null; userAgent: string | null } | null | undefined): SessionDevice {
  if (!meta) return UNKNOWN_DEVICE;
  return { ...summariseUserAgent(meta.userAgent), network: coarseNetwork(meta.ip) };
}
