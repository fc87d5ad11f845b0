import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { contrastProblems, normaliseHexColor, roundedContrast } from './colors.js';

const onWhite = (primaryColor: string) =>
  contrastProblems({ primaryColor, secondaryColor: '#FFFFFF', backgroundColor: '#FFFFFF' });

describe('brand colours', () => {
  it('accepts #RGB and #RRGGBB with or without # and stores #RRGGBB in upper case', () => {
    expect(normaliseHexColor('#21468b', 'Primary colour')).toEqual({ ok: true, value: '#21468B' });
    expect(normaliseHexColor('fff', 'Primary colour')).toEqual({ ok: true, value: '#FFFFFF' });
    expect(normaliseHexColor(' #0a0 ', 'Primary colour')).toEqual({ ok: true, value: '#00AA00' });
  });

  it('refuses anything that is not a hex colour, naming the field and the value', () => {
    for (const bad of ['blue', '#12345', '#GGGGGG', 'rgb(0,0,0)', '']) {
      const result = normaliseHexColor(bad, 'Primary colour');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Primary colour ".*" is not a hex colour; use one like #21468B\.$/);
    }
  });

  it("passes the seed's cobalt on white (9.08:1) and measures black on white as 21:1", () => {
    expect(roundedContrast('#21468B', '#FFFFFF')).toBe(9.08);
    expect(onWhite('#21468B')).toEqual([]);
    expect(roundedContrast('#000000', '#FFFFFF')).toBe(21);
    expect(contrastProblems({ primaryColor: '#000000', secondaryColor: '#FFFFFF', backgroundColor: '#FFFFFF' })).toEqual([]);
  });

  it('refuses #FF9900 on white with its ratio and the minimum in the message', () => {
    const problems = onWhite('#FF9900');
    expect(problems).toMatchObject([
      {
        field: 'primaryColor',
        code: ErrorCode.CONTRAST_TOO_LOW,
        contrastRatio: 2.14,
        requiredMinimum: 4.5,
        message:
          'The contrast of primary colour #FF9900 on background #FFFFFF is 2.14:1; at least 4.5:1 is required (WCAG 2.2 AA). Choose a darker or lighter colour.',
      },
    ]);
  });

  it('applies 4.5 to the ratio rounded to two decimals, so exactly 4.5 passes', () => {
    expect(roundedContrast('#7F7380', '#FFFFFF')).toBe(4.5);
    expect(onWhite('#7F7380')).toEqual([]);
    // 4.4995 shows (and counts) as 4.50.
    expect(roundedContrast('#378280', '#FFFFFF')).toBe(4.5);
    expect(onWhite('#378280')).toEqual([]);
    // 4.48 does not.
    expect(onWhite('#777777').map((p) => [p.field, p.contrastRatio])).toContainEqual(['primaryColor', 4.48]);
  });

  it('refuses a primary colour on which neither white nor near-black button text reaches 4.5:1', () => {
    // #777777 on black passes as text, but white (4.48) and near-black (3.88) text on it both fail.
    const problems = contrastProblems({ primaryColor: '#777777', secondaryColor: '#FFFFFF', backgroundColor: '#000000' });
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'primaryColor',
        contrastRatio: 4.48,
        message: expect.stringContaining(
          'Neither white nor near-black button text on primary colour #777777 reaches 4.5:1 (the better one is 4.48:1)',
        ),
      }),
    ]);
  });

  it('accepts a light or dark primary as long as one text colour reads on it', () => {
    // Orange: near-black text on it reads (8.1:1), so as a button colour it is fine on a dark background.
    expect(contrastProblems({ primaryColor: '#FF9900', secondaryColor: '#FFFFFF', backgroundColor: '#1A1A1A' })).toEqual([]);
  });

  it('checks text on the secondary (surface) colour the same way', () => {
    const problems = contrastProblems({ primaryColor: '#21468B', secondaryColor: '#777777', backgroundColor: '#FFFFFF' });
    expect(problems.map((p) => [p.field, p.contrastRatio])).toEqual([['secondaryColor', 4.48]]);
    expect(contrastProblems({ primaryColor: '#21468B', secondaryColor: '#F2F2F2', backgroundColor: '#FFFFFF' })).toEqual([]);
    expect(contrastProblems({ primaryColor: '#21468B', secondaryColor: '#21468B', backgroundColor: '#FFFFFF' })).toEqual([]);
  });

  it('quotes a refused value trimmed and cut to 20 characters, and returns it as a parameter', () => {
    expect(normaliseHexColor('  #21468B is my favourite colour ', 'Secondary colour')).toEqual({
      ok: false,
      code: 'COLOUR_INVALID',
      message: 'Secondary colour "#21468B is my favour" is not a hex colour; use one like #21468B.',
      params: { value: '#21468B is my favour' },
    });
  });

  it('gives each contrast problem its ratio and the minimum as parameters, and says what to do', () => {
    const problems = contrastProblems({ primaryColor: '#21468B', secondaryColor: '#777777', backgroundColor: '#FFFFFF' });
    expect(problems).toEqual([
      {
        field: 'secondaryColor',
        code: ErrorCode.CONTRAST_TOO_LOW,
        message:
          'Neither white nor near-black text on secondary colour #777777 reaches 4.5:1 (the better one is 4.48:1). Choose a darker or lighter colour.',
        params: { contrastRatio: 4.48, requiredMinimum: 4.5 },
        contrastRatio: 4.48,
        requiredMinimum: 4.5,
      },
    ]);
  });
});
