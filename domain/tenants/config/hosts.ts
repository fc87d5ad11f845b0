import { domainToASCII } from 'node:url';
import { accept, refuse, type Checked } from './problems.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Host names are stored the way tenant resolution compares them (gateway/tenant-resolution.ts):
 * lower case, no trailing dot, no port; international names as punycode (the Host header a
 * browser sends).
 */
export function normaliseCustomDomain(raw: string): Checked<string> {
  const trimmed = raw.trim().toLowerCase().replace(/\.$/, '');
  const shown = `"${raw.trim().slice(0, 80)}"`;
  if (/[/:*@\s?#]/.test(trimmed)) {
    return refuse(
      `Custom domain ${shown} must be a bare host name such as portal.example.nl: no scheme, port, path or wildcard.`,
    );
  }
  const ascii = domainToASCII(trimmed);
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    return refuse(`Custom domain ${shown} is not a valid host name such as portal.example.nl.`);
  }
  // An all-digit last label is an IPv4 address, not a domain a certificate can be issued for.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return refuse(`Custom domain ${shown} must be a domain name, not an IP address.`);
  return accept(ascii);
}

/** Names that already mean something in front of any domain. */
const RESERVED_SUBDOMAINS = new Set(['www']);

/**
 * A subdomain is one DNS label: a tenant with subdomain `bakker` is reached at bakker.<any host of
 * this gateway> (tenant resolution matches the first label of a host with three or more labels).
 */
export function normaliseSubdomain(raw: string): Checked<string> {
  const label = domainToASCII(raw.trim().toLowerCase());
  const shown = `"${raw.trim().slice(0, 80)}"`;
  if (!label || !LABEL.test(label)) {
    return refuse(`Subdomain ${shown} must be one label of letters, digits and dashes (for example "bakker"), without dots.`);
  }
  if (RESERVED_SUBDOMAINS.has(label)) return refuse(`Subdomain ${shown} is reserved; choose another.`);
  return accept(label);
}
