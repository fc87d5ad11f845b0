import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { MalformedUpstreamResponseError } from './errors.js';
import {
  fileNameFromDisposition,
  ocsStatusCode,
  pagesFor,
  parseFilePage,
  parseObject,
  parseObjectPage,
  parseOcsGroups,
  parseOcsUser,
  parseRegister,
  parseRegisterList,
  parseSchemaList,
} from './responses.js';

const uuid = '7b0c5f6e-3d2a-4c1b-9e8f-1a2b3c4d5e6f';

describe('parseObject', () => {
  it('reads the 1.0 shape: properties on top, uuid in id and @self.id', () => {
    const object = parseObject({
      name: 'Gemeente Utrecht',
      '@self': { id: uuid, register: '5', schema: '21', files: [1234, 1240], created: '2026-03-01T09:00:00+00:00' },
      id: uuid,
    });
    expect(object).toMatchObject({ id: uuid, name: 'Gemeente Utrecht' });
    expect(object?.['@self']).toMatchObject({ id: uuid, register: '5', schema: '21', files: [1234, 1240] });
    expect(object?.['@self'].owner).toBeNull();
    expect(object?.['@self'].updated).toBeNull();
  });

  it('reads the 0.2.x shape: no top-level id, nulls kept', () => {
    const object = parseObject({ name: 'X', email: null, '@self': { id: uuid, register: 5, published: null } });
    expect(object?.id).toBe(uuid);
    expect(object?.['@self'].register).toBe('5');
    expect(object?.email).toBeNull();
    expect(object?.['@self'].files).toEqual([]);
  });

  it('accepts a top-level id when @self is missing, and rejects rows without any id', () => {
    expect(parseObject({ id: uuid, name: 'Y' })?.['@self'].id).toBe(uuid);
    expect(parseObject({ name: 'no id' })).toBeNull();
    expect(parseObject('nope')).toBeNull();
  });

  it('reads expanded @self.files (objects with string ids) as integer ids', () => {
    expect(parseObject({ id: uuid, '@self': { id: uuid, files: [{ id: '17' }, { id: 'x' }] } })?.['@self'].files).toEqual([17]);
  });
});

describe('parseObjectPage', () => {
  const row = { id: uuid, '@self': { id: uuid } };

  it('shape (a): database path', () => {
    const page = parseObjectPage(
      { results: [row], total: 45, page: 2, pages: 3, limit: 20, offset: 20, facets: [], '@self': { source: 'database' } },
      { limit: 20, page: 2 },
    );
    expect(page).toMatchObject({ total: 45, page: 2, pages: 3, limit: 20 });
    expect(page.results).toHaveLength(1);
  });

  it('shape (b): magic mapper says pages 0 when empty; the connector says 1', () => {
    const page = parseObjectPage({ results: [], total: 0, pages: 0, page: 1, limit: 20 }, { limit: 20 });
    expect(page.pages).toBe(1);
  });

  it('0.2.x: pages as a float, page and limit as strings', () => {
    const page = parseObjectPage({ results: [row], total: 41, page: '3', pages: 3.0, limit: '20', next: 'x' }, { limit: 20 });
    expect(page).toMatchObject({ total: 41, page: 3, pages: 3, limit: 20 });
  });

  it('falls back to the request when keys are missing and derives page from an offset', () => {
    const page = parseObjectPage({ results: [row, row] }, { limit: 10, offset: 30 });
    expect(page).toMatchObject({ total: 2, page: 4, pages: 1, limit: 10 });
  });

  it('skips rows without an id and says so', () => {
    let skipped = 0;
    const page = parseObjectPage({ results: [row, { name: 'broken' }], total: 2 }, { limit: 10 }, () => skipped++);
    expect(page.results).toHaveLength(1);
    expect(skipped).toBe(1);
  });

  it('treats a body without results (an HTML page, an error) as upstream trouble', () => {
    for (const body of [undefined, { message: 'x' }, '<html>']) {
      let caught: unknown;
      try {
        parseObjectPage(body, { limit: 10 });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MalformedUpstreamResponseError);
      expect((caught as MalformedUpstreamResponseError).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
      expect((caught as MalformedUpstreamResponseError).reason).toMatch(/results/);
      expect((caught as Error).message).not.toMatch(/results/);
    }
  });
});

describe('other readers', () => {
  it('parses a file list, including pages=0 when empty', () => {
    const page = parseFilePage({
      results: [
        { id: 1234, path: '/a/b/offerte.pdf', type: 'application/pdf', extension: 'pdf', size: 48213, labels: ['contract', 3] },
      ],
      total: 1,
      page: 1,
      pages: 1,
      limit: 30,
    });
    expect(page.results[0]).toEqual({
      id: 1234,
      title: 'offerte.pdf',
      path: '/a/b/offerte.pdf',
      type: 'application/pdf',
      extension: 'pdf',
      size: 48213,
      modified: null,
      labels: ['contract'],
    });
    expect(parseFilePage({ results: [], total: 0, pages: 0, limit: 30 }).pages).toBe(0);
  });

  it('parses the OCS user envelope', () => {
    const user = parseOcsUser({
      ocs: { meta: { statuscode: 200 }, data: { id: 'alice', 'display-name': 'Alice', email: '', groups: ['admin'] } },
    });
    expect(user).toEqual({ id: 'alice', displayName: 'Alice', email: null, groups: ['admin'] });
    expect(parseOcsUser({ ocs: { data: { id: 'bob' } } }).groups).toBeNull();
  });

  it('parses a register with schema ids or expanded schemas', () => {
    expect(parseRegister({ id: '5', slug: 'pipelinq', schemas: [21, { id: 22 }] })).toEqual({
      id: 5,
      slug: 'pipelinq',
      uuid: null,
      schemas: [21, 22],
    });
  });

  it('takes a safe base name from Content-Disposition', () => {
    expect(fileNameFromDisposition('inline; filename="factuur 2026.pdf"')).toBe('factuur 2026.pdf');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%C3%A9t%C3%A9.pdf; filename="ete.pdf"`)).toBe('été.pdf');
    expect(fileNameFromDisposition('inline; filename="..\\\\..\\\\etc/passwd"')).toBe('passwd');
    expect(fileNameFromDisposition('inline; filename="a\r\nSet-Cookie: x.pdf"')).toBe('aSet-Cookie: x.pdf');
    expect(fileNameFromDisposition('inline')).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});

describe('tolerance for odd upstream values', () => {
  const row = { id: uuid, '@self': { id: uuid } };

  it('treats blank, null and negative counts as missing rather than as 0 or as a count', () => {
    expect(parseObjectPage({ results: [row, row], total: null, limit: ' ' }, { limit: 10 })).toMatchObject({
      total: 2,
      limit: 10,
    });
    expect(parseObjectPage({ results: [row, row], total: '', limit: '' }, { limit: 10 })).toMatchObject({ total: 2, limit: 10 });
    expect(parseObjectPage({ results: [row], total: -5, page: -2 }, { limit: 10, page: 1 })).toMatchObject({ total: 1, page: 1 });
    expect(parseObjectPage({ results: [row], total: 'Infinity' }, { limit: 10 }).total).toBe(1);
  });

  it('keeps a count of 0 as 0 (an empty file list has no pages)', () => {
    expect(parseFilePage({ results: [], total: 0, pages: 0 }).pages).toBe(0);
    expect(parseObjectPage({ results: [], total: 0 }, { limit: 10 }).total).toBe(0);
  });

  it('skips null rows instead of failing the whole list, with or without someone listening', () => {
    let skipped = 0;
    expect(parseObject(null)).toBeNull();
    expect(parseObjectPage({ results: [null, row] }, { limit: 10 }, () => skipped++).results).toHaveLength(1);
    expect(skipped).toBe(1);
    expect(parseObjectPage({ results: [{ name: 'no id' }, row] }, { limit: 10 }).results).toHaveLength(1);
  });

  it('keeps the requested page when upstream does not say, and never computes a page from a page size of 0', () => {
    expect(parseObjectPage({ results: [row] }, { limit: 10, page: 3 }).page).toBe(3);
    expect(parseObjectPage({ results: [row] }, { limit: 10 }).page).toBe(1);
    expect(parseObjectPage({ results: [row], limit: 0 }, { limit: 10, offset: 30 })).toMatchObject({ page: 1, pages: 0 });
    expect(pagesFor(45, 20)).toBe(3);
    expect(pagesFor(0, 20)).toBe(1);
    expect(pagesFor(5, 0)).toBe(0);
  });

  it('keeps file metadata of expanded @self.files (§4.2), dropping entries without an id', () => {
    const object = parseObject({
      id: uuid,
      '@self': { id: uuid, files: [{ id: 'x' }, { id: 18, path: '/k/offerte.pdf', extension: 'pdf' }] },
    });
    expect(object?.['@self'].files).toEqual([18]);
    expect(object?.['@self'].fileDetails).toEqual([
      {
        id: 18,
        title: 'offerte.pdf',
        path: '/k/offerte.pdf',
        type: null,
        extension: 'pdf',
        size: null,
        modified: null,
        labels: [],
      },
    ]);
    const mixed = parseObject({ id: uuid, '@self': { id: uuid, files: [17, { id: 18, path: '/k/b.pdf' }] } });
    expect(mixed?.['@self'].files).toEqual([17, 18]);
    expect(mixed?.['@self'].fileDetails?.map((f) => f.id)).toEqual([18]);
  });

  it('has no file details when @self.files are plain ids, even if upstream sent a fileDetails key', () => {
    const meta = parseObject({ id: uuid, '@self': { id: uuid, files: [17], fileDetails: [{ id: 666 }] } })?.['@self'];
    expect(meta?.files).toEqual([17]);
    expect(meta && 'fileDetails' in meta).toBe(false);
  });
});

describe('file lists', () => {
  const file = { id: 7, path: '/klanten/x/offerte.pdf' };

  it('skips entries without a numeric id', () => {
    const page = parseFilePage({ results: [null, { path: '/no/id.pdf' }, { id: 'x' }, file], total: 1 });
    expect(page.results.map((f) => f.id)).toEqual([7]);
  });

  it('titles a file by the last part of its path, and leaves both empty without a path', () => {
    expect(parseFilePage({ results: [{ id: 1, path: '/a/map/' }] }).results[0]).toMatchObject({ title: 'map', path: '/a/map/' });
    expect(parseFilePage({ results: [{ id: 1 }] }).results[0]).toMatchObject({ title: '', path: '', labels: [] });
  });

  it('keeps total and pages as upstream says, and computes pages only when they are missing', () => {
    expect(parseFilePage({ results: [file], total: 31, pages: 4, limit: 30 })).toMatchObject({ total: 31, pages: 4 });
    expect(parseFilePage({ results: [file], total: 31, limit: 30 })).toMatchObject({ total: 31, pages: 2 });
    expect(parseFilePage({ results: [file], total: 1 })).toMatchObject({ total: 1, pages: 1 });
    expect(parseFilePage({ results: [file, file] })).toMatchObject({ total: 2, pages: 1 });
  });

  it('treats a body without results as upstream trouble', () => {
    for (const body of [undefined, '<html>', { message: 'x' }]) {
      expect(() => parseFilePage(body)).toThrow(MalformedUpstreamResponseError);
    }
  });
});

describe('OCS envelopes', () => {
  it('reads the status code, and none from what is no envelope', () => {
    expect(ocsStatusCode({ ocs: { meta: { statuscode: 997 }, data: [] } })).toBe(997);
    expect(ocsStatusCode({ ocs: { meta: { statuscode: '100' } } })).toBe(100);
    for (const body of [undefined, '<html>', { ocs: 'x' }, { ocs: { data: {} } }, { meta: { statuscode: 200 } }]) {
      expect(ocsStatusCode(body)).toBeNull();
    }
  });

  it('refuses a user without an id as unreadable', () => {
    for (const body of [undefined, '<html>', { meta: {} }, { ocs: { data: [] } }, { ocs: { data: { displayname: 'X' } } }]) {
      expect(() => parseOcsUser(body)).toThrow(MalformedUpstreamResponseError);
    }
  });

  it('reads display names of both spellings and keeps only string groups', () => {
    expect(parseOcsUser({ ocs: { data: { id: 'bob', displayname: 'Bob B', groups: ['staff', 7] } } })).toEqual({
      id: 'bob',
      displayName: 'Bob B',
      email: null,
      groups: ['staff'],
    });
    expect(parseOcsUser({ ocs: { data: { id: 'carol' } } }).displayName).toBe('carol');
  });

  it('reads a group list, empty when the envelope has none', () => {
    expect(parseOcsGroups({ ocs: { data: { groups: ['admin', 'klantportaal', null] } } })).toEqual(['admin', 'klantportaal']);
    expect(parseOcsGroups({ ocs: { data: {} } })).toEqual([]);
    expect(parseOcsGroups({ ocs: { data: [] } })).toEqual([]);
    expect(parseOcsGroups('<html>')).toEqual([]);
  });
});

describe('registers and schemas (§6)', () => {
  it('refuses a register without an id, and reads one without schemas as having none', () => {
    for (const body of [null, '<html>', { slug: 'pipelinq' }, { id: 'x' }]) {
      expect(() => parseRegister(body)).toThrow(MalformedUpstreamResponseError);
    }
    expect(parseRegister({ id: 5, uuid: 'u-1', schemas: [21, 'x', { id: 'y' }] })).toEqual({
      id: 5,
      slug: null,
      uuid: 'u-1',
      schemas: [21],
    });
    expect(parseRegister({ id: 5 }).schemas).toEqual([]);
  });

  it('reads the register index as a bare array or {results}, skipping rows without an id', () => {
    const rows = [{ id: 5, slug: 'pipelinq' }, { slug: 'no-id' }, 'junk', { id: 6 }];
    expect(parseRegisterList(rows).map((r) => r.id)).toEqual([5, 6]);
    expect(parseRegisterList({ results: rows }).map((r) => r.id)).toEqual([5, 6]);
    for (const body of [undefined, '<html>', { message: 'x' }, { results: 'x' }]) {
      expect(() => parseRegisterList(body)).toThrow(MalformedUpstreamResponseError);
    }
  });

  it('reads a schema list with its declared properties and required fields', () => {
    const rows = [
      {
        id: '21',
        slug: 'client',
        required: ['name', 3],
        properties: {
          name: { type: 'string' },
          type: { type: 'string', enum: ['person', 'organization', 4] },
          email: { type: 'string', format: 'email' },
          odd: true,
        },
      },
      { id: 22, slug: 'contact' },
      { slug: 'no-id' },
      'junk',
      null,
    ];
    const expected = [
      {
        id: 21,
        slug: 'client',
        required: ['name'],
        properties: {
          name: { type: 'string', format: null, enum: null },
          type: { type: 'string', format: null, enum: ['person', 'organization'] },
          email: { type: 'string', format: 'email', enum: null },
          odd: { type: null, format: null, enum: null },
        },
      },
      { id: 22, slug: 'contact', required: [], properties: {} },
    ];
    expect(parseSchemaList(rows)).toEqual(expected);
    expect(parseSchemaList({ results: rows })).toEqual(expected);
    for (const body of [undefined, '<html>', { message: 'x' }, { results: 'x' }]) {
      expect(() => parseSchemaList(body)).toThrow(MalformedUpstreamResponseError);
    }
  });
});

describe('Content-Disposition file names', () => {
  it('reads both forms with spaces around the equals sign', () => {
    expect(fileNameFromDisposition(`attachment; filename* = UTF-8''r%C3%A9sum%C3%A9.pdf`)).toBe('résumé.pdf');
    expect(fileNameFromDisposition('attachment; filename = "offerte.pdf"')).toBe('offerte.pdf');
    expect(fileNameFromDisposition('attachment; filename=offerte.pdf; size=10')).toBe('offerte.pdf');
  });

  it('reads a quoted name with a semicolon and escaped characters (RFC 6266 quoted-string)', () => {
    expect(fileNameFromDisposition('attachment; filename="a;b.pdf"')).toBe('a;b.pdf');
    expect(fileNameFromDisposition('attachment; filename="r\\apport.pdf"')).toBe('rapport.pdf');
    expect(fileNameFromDisposition('attachment; filename="say \\"hi\\".pdf"')).toBe('say hi.pdf');
  });

  it('falls back to the plain name when the encoded one is broken', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A.pdf; filename="plain.pdf"`)).toBe('plain.pdf');
  });

  it('trims, caps at 255 characters, and refuses names that are empty or a directory', () => {
    expect(fileNameFromDisposition('attachment; filename="  offerte.pdf  "')).toBe('offerte.pdf');
    expect(fileNameFromDisposition(`attachment; filename="${'a'.repeat(300)}.pdf"`)).toBe('a'.repeat(255));
    for (const name of ['', '.', '..', '../..', '\u0001\u0002', '   ']) {
      expect(fileNameFromDisposition(`attachment; filename="${name}"`)).toBeNull();
    }
  });
});
