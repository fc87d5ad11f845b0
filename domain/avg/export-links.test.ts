import { describe, expect, it } from 'vitest';
import { DOCUMENT_LINK_PURPOSE } from '../portal-data/document-downloads.js';
import { DownloadLinks } from '../portal-data/download-links.js';
import { EXPORT_LINK_PURPOSE, ExportLinks, isExportLinkBody, type ExportLinkBody } from './export-links.js';

/**
 * The mailed export link: on the portal's download route, signed with the downloads key under the
 * export purpose, and valid exactly as long as the export itself.
 */
const SECRET = 'export-links-test-secret-0123456789abcdef';
const body: ExportLinkBody = { t: 'demo', a: 'account-1', x: 'export-1' };
const tokenOf = (url: string) => url.slice(url.indexOf('/portal/downloads/') + '/portal/downloads/'.length);
const inTenDays = () => {
  const at = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
  at.setMilliseconds(0);
  return at;
};

describe('ExportLinks', () => {
  it('links to the download route of the public URL, and the route verifies it as an export link', () => {
    const expiresAt = inTenDays();
    const url = new ExportLinks(SECRET).urlFor('https://portal.example', body, expiresAt);
    expect(url).toMatch(/^https:\/\/portal\.example\/portal\/downloads\/v1\.[\w-]+\.[\w-]+$/);
    const verified = new DownloadLinks(SECRET).verify(tokenOf(url));
    expect(verified).toEqual({ ok: true, purpose: EXPORT_LINK_PURPOSE, body, expiresAt });
    expect(EXPORT_LINK_PURPOSE).not.toBe(DOCUMENT_LINK_PURPOSE);
  });

  it('does not double the slash when the public URL ends with one or more', () => {
    const url = new ExportLinks(SECRET).urlFor('https://portal.example//', body, inTenDays());
    expect(url.startsWith('https://portal.example/portal/downloads/')).toBe(true);
  });

  it('stops working exactly when the export expires, not a moment earlier or later', () => {
    const expiresAt = inTenDays();
    const token = tokenOf(new ExportLinks(SECRET).urlFor('https://portal.example', body, expiresAt));
    const at = (ms: number) => new DownloadLinks(SECRET, () => new Date(expiresAt.getTime() + ms)).verify(token);
    expect(at(-1000)).toMatchObject({ ok: true });
    expect(at(0)).toEqual({ ok: false, reason: 'expired' });
    // Another key (another installation) does not accept it at all.
    expect(new DownloadLinks(`${SECRET}-other`).verify(token)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('isExportLinkBody', () => {
  it('accepts only a body naming tenant, account and export as text', () => {
    expect(isExportLinkBody(body)).toBe(true);
    for (const other of [
      null,
      undefined,
      'demo',
      42,
      { a: 'account-1', x: 'export-1' },
      { t: 'demo', x: 'export-1' },
      { t: 'demo', a: 'account-1' },
      { t: 1, a: 'account-1', x: 'export-1' },
      { t: 'demo', a: ['account-1'], x: 'export-1' },
      { t: 'demo', a: 'account-1', x: 7 },
    ]) {
      expect(isExportLinkBody(other), JSON.stringify(other)).toBe(false);
    }
  });
});
