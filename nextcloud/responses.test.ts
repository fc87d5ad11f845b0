import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { MalformedUpstreamResponseError } from './errors.js';
import {
  fileNameFromDisposition,
  parseFilePage,
  parseObject,
  parseObjectPage,
  parseOcsUser,
  parseRegister,
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
