import { describe, expect, it } from 'vitest';
import { csvCell } from './export-csv.js';

/**
 * A spreadsheet strips a leading carriage return (or tab) and then reads the rest as a formula,
 * so such a cell is defused like one that starts with `=` itself.
 */
describe('CSV formula defusing', () => {
  it('prefixes a cell that starts with a carriage return, and still quotes it', () => {
    expect(csvCell('\r=HYPERLINK("https://evil.example")')).toBe('"\'\r=HYPERLINK(""https://evil.example"")"');
  });

  it('prefixes a cell that starts with a tab', () => {
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
  });
});
