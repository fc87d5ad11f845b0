import { describe, expect, it } from 'vitest';
import { csvCell, csvFile, csvStream } from './export-csv.js';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

describe('CSV cells for a spreadsheet', () => {
  it('quotes per RFC 4180: commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('makes text that a spreadsheet would run as a formula inert, but keeps negative numbers numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","klik")')).toBe('"\'=HYPERLINK(""http://evil.example"",""klik"")"');
    expect(csvCell('+31 6 12345678')).toBe("'+31 6 12345678");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes dates as ISO 8601 and booleans as words a program reads', () => {
    expect(csvCell(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
  });
});

describe('CSV files', () => {
  const columns = [
    { header: 'Naam', value: (row: { name: string; amount: number }) => row.name },
    { header: 'Bedrag', value: (row: { name: string; amount: number }) => row.amount },
  ];

  it('start with a UTF-8 byte order mark, so Excel reads accents, and end every line with CRLF', () => {
    const bytes = csvFile(columns, [{ name: 'Zoë, B.V.', amount: 12.5 }]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('Naam,Bedrag\r\n"Zoë, B.V.",12.5\r\n');
  });

  it('stream rows that arrive one by one, with the same header and encoding', async () => {
    async function* rows() {
      yield { name: '=1+1', amount: -3 };
      yield { name: 'b', amount: 4 };
    }
    expect(await text(csvStream(columns, rows()))).toBe("\uFEFFNaam,Bedrag\r\n'=1+1,-3\r\nb,4\r\n");
  });
});
