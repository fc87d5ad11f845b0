import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../test/csv.js';
import { useTestDatabase } from '../../test/db.js';
import { csvCell, CSV_COLUMNS, exportAuditEvents } from './audit.export.js';
import { parseAuditFilter } from './audit.filter.js';
import { createTestAuditService, customerOf, newTenantId, staffOf } from './audit.test-support.js';

describe('CSV cells', () => {
  it('quotes separators, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const lead of ['+', '-', '@', '\t']) expect(csvCell(`${lead}1`)).toBe(`'${lead}1`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(new Date('2026-01-01T00:00:00.000Z'))).toBe('2026-01-01T00:00:00.000Z');
    expect(csvCell({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"');
  });
});

describe('exporting the audit trail', () => {
  const db = useTestDatabase();

  async function seeded() {
    const audit = await createTestAuditService(db());
    const tenantId = newTenantId();
    const awkward = ['=cmd|"/c calc"!A1', 'comma, and "quotes"', 'multi\r\nline', '-2+3', '@SUM(1)', 'naïve café'];
    for (const [i, value] of awkward.entries()) {
      await audit.append({
        tenantId,
        type: 'request.submitted',
        principal: customerOf(tenantId, `acc-${i % 2}`),
        target: { type: 'request', id: value },
        details: { subject: value },
      });
    }
    return { audit, tenantId, awkward };
  }

  it('streams CSV that reads back cell for cell, and audits the export', async () => {
    const { audit, tenantId, awkward } = await seeded();
    const result = await exportAuditEvents(audit, {
      tenantId,
      principal: staffOf(tenantId),
      filter: {},
      format: 'csv',
      client: { ip: '198.51.100.7' },
    });
    expect(result.contentType).toMatch(/^text\/csv/);
    // Named after the tenant and the moment of the export, with nothing a file system refuses.
    expect(result.fileName).toMatch(new RegExp(`^audit-${tenantId}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z\\.csv$`));
    const rows = parseCsv(await text(result.body));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + awkward.length); // not its own audit.exported event
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    rows.slice(1).forEach((row, i) => {
      const guarded = /^[=+\-@]/.test(awkward[i]!) ? `'${awkward[i]}` : awkward[i];
      expect(row[col('seq')]).toBe(String(i + 1));
      expect(row[col('targetId')]).toBe(guarded);
      expect(JSON.parse(row[col('details')]!)).toEqual({ subject: awkward[i] });
    });

    const recorded = (await audit.list(tenantId, parseAuditFilter({ eventType: 'audit.exported' }))).events;
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      seq: awkward.length + 1,
      actor: 'staff:dpo',
      outcome: 'success',
      details: { format: 'csv', filter: {} },
    });
    expect(recorded[0]!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.event.seq).toBe(recorded[0]!.seq);
    expect((await audit.verify(tenantId)).intact).toBe(true);
  });

  it('streams NDJSON of a filtered selection', async () => {
    const { audit, tenantId } = await seeded();
    const filter = parseAuditFilter({ accountId: 'acc-1' });
    const result = await exportAuditEvents(audit, { tenantId, principal: staffOf(tenantId), filter, format: 'ndjson' });
    const lines = (await text(result.body))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((e) => e.seq)).toEqual([2, 4, 6]);
    expect(lines.every((e) => e.accountId === 'acc-1' && typeof e.hash === 'string')).toBe(true);
    const exported = await audit.list(tenantId, parseAuditFilter({ eventType: 'audit.exported' }));
    expect(exported.events[0]!.details).toEqual({ format: 'ndjson', filter: { accountId: 'acc-1' } });
  });

  it('exports only the tenant’s own trail, whoever else writes to the store', async () => {
    const { audit, tenantId } = await seeded();
    const { tenantId: otherTenant } = await seeded();
    // A tenant whose id extends this one's must not leak in either.
    await audit.append({ tenantId: `${tenantId}x`, type: 'logout' });
    const result = await exportAuditEvents(audit, { tenantId, principal: staffOf(tenantId), filter: {}, format: 'ndjson' });
    const lines = (await text(result.body))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((e) => [e.tenantId, e.seq])).toEqual(Array.from({ length: 6 }, (_, i) => [tenantId, i + 1]));
    expect(result.contentType).toMatch(/^application\/x-ndjson/);
    expect(result.fileName).toMatch(new RegExp(`^audit-${tenantId}-.*\\.ndjson$`));
    expect((await audit.count(otherTenant, {})).valueOf()).toBe(6);
  });

  it('records an error event when the stream breaks half way, and the download fails', async () => {
    const { audit, tenantId } = await seeded();
    const breaking = Object.create(audit, {
      stream: {
        value: async function* (...args: Parameters<typeof audit.stream>) {
          let n = 0;
          for await (const event of audit.stream(...args)) {
            if (++n > 2) throw new Error('cursor lost');
            yield event;
          }
        },
      },
    });
    const result = await exportAuditEvents(breaking, { tenantId, principal: staffOf(tenantId), filter: {}, format: 'csv' });
    await expect(text(result.body)).rejects.toThrow('cursor lost');
    const recorded = (await audit.list(tenantId, parseAuditFilter({ eventType: 'audit.exported' }))).events;
    expect(recorded.map((event) => event.outcome)).toEqual(['error', 'success']);
    expect(recorded[0]!.details).toMatchObject({ format: 'csv', relatedSeq: result.event.seq, reason: 'STREAM_FAILED' });
    expect((await audit.verify(tenantId)).intact).toBe(true);
  });

  it('refuses the export when it cannot be audited', async () => {
    const { audit, tenantId } = await seeded();
    const failing = Object.create(audit, { append: { value: () => Promise.reject(new Error('audit store down')) } });
    await expect(
      exportAuditEvents(failing, { tenantId, principal: staffOf(tenantId), filter: {}, format: 'csv' }),
    ).rejects.toThrow('audit store down');
  });
});
