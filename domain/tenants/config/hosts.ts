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
      'HOST_NOT_BARE',
      `Custom domain ${shown} must be a bare host name such as portal.example.nl: no scheme, port, path or wildcard.`,
      { value: raw.trim().slice(0, 80) },
    );
  }
  const ascii = domainToASCII(trimmed);
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    return refuse('HOST_INVALID', `Custom domain ${shown} is not a valid host name such as portal.example.nl.`, {
      value: raw.trim().slice(0, 80),
    });
  }
  // An all-digit last label is an IPv4 address, not a domain a certificate can be issued for.
  if (/^\d+$/.test(labels[labels.length - 1]!))
    return refuse('HOST_IS_IP_ADDRESS', `Custom domain ${shown} must be a domain name, not an IP address.`, {
      value: raw.trim().slice(0, 80),
    });
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
    return refuse(
      'SUBDOMAIN_INVALID',
      `Subdomain ${shown} must be one label of letters, digits and dashes (for example "bakker"), without dots.`,
      {
        value: raw.trim().slice(0, 80),
      },
    );
  }
  if (RESERVED_SUBDOMAINS.has(label))
    return refuse('SUBDOMAIN_RESERVED', `Subdomain ${shown} is reserved; choose another.`, { value: label });
  return accept(label);
}

/** A host a tenant answers on, and the settings field it comes from. */
export interface HostClaim {
  host: string;
  field: 'customDomain' | 'subdomain';
}

/**
 * The hosts a tenant's address settings make it answer on: its custom domain, and its subdomain
 * under each of the gateway's own host names (`bakker` with PUBLIC_URL https://portal.example.nl
 * → bakker.portal.example.nl). IP addresses have no subdomains, so they are no parent host.
 * These strings are what must be unique across all tenants and both fields; a subdomain also
 * claims `<label>.*`, so it stays unique if the gateway's host names change.
 */
export function claimedHosts(
  settings: { customDomain: string | null; subdomain: string | null },
  gatewayHosts: readonly string[],
): HostClaim[] {
  const claims: HostClaim[] = [];
  if (settings.customDomain) claims.push({ host: settings.customDomain, field: 'customDomain' });
  if (settings.subdomain) {
    // A key no host name can equal: keeps subdomains unique even while no parent host exists yet.
    claims.push({ host: `${settings.subdomain}.*`, field: 'subdomain' });
    for (const parent of subdomainParents(gatewayHosts))
      claims.push({ host: `${settings.subdomain}.${parent}`, field: 'subdomain' });
  }
  return claims;
}

const isIpAddress = (host: string) => host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host);

/** The gateway hosts a subdomain can sit under (lower case, IP addresses left out). */
export const subdomainParents = (gatewayHosts: readonly string[]): string[] =>
  [...new Set(gatewayHosts.map((host) => host.toLowerCase()))].filter((host) => !isIpAddress(host));

/**
 * Why a claim may not be made whoever else holds what: it is one of the gateway's own hosts, or
 * (for a subdomain) it repeats the first label of one, which would read as the gateway itself
 * (portal.portal.example.nl) and, under a resolver that matched any parent, took it over.
 */
export function reservedHostMessage(claim: HostClaim, subdomain: string | null, gatewayHosts: readonly string[]): string | null {
  const own = gatewayHosts.map((host) => host.toLowerCase());
  if (claim.field === 'customDomain' && own.includes(claim.host)) {
    return `Custom domain ${claim.host} is the gateway's own address and cannot belong to one tenant.`;
  }
  if (claim.field === 'subdomain' && (own.includes(claim.host) || own.some((host) => host.split('.')[0] === subdomain))) {
    return `Subdomain ${subdomain} would take the gateway's own address ${own[0]}; choose another.`;
  }
  return null;
}
