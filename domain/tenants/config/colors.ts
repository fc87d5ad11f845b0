import { contrastRatio, NEAR_BLACK, parseHexColor, WHITE } from '../../../core/contrast.js';
import { accept, refuse, REQUIRED_CONTRAST, type Checked, type ConfigProblem } from './problems.js';

/** `#RGB`, `#RRGGBB`, with or without `#`, any case → `#RRGGBB` upper case. */
export function normaliseHexColor(raw: string, label: string): Checked<string> {
  const rgb = parseHexColor(raw);
  if (!rgb)
    return refuse('COLOUR_INVALID', `${label} "${raw.trim().slice(0, 20)}" is not a hex colour; use one like #21468B.`, {
      value: raw.trim().slice(0, 20),
    });
  return accept(
    `#${rgb
      .map((c) => c.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase()}`,
  );
}

/** The ratio as WCAG tools show it: two decimals. The threshold is applied to this figure, so 4.5 passes. */
export const roundedContrast = (a: string, b: string): number =>
  Math.round(contrastRatio(parseHexColor(a)!, parseHexColor(b)!) * 100) / 100;

const format = (ratio: number) => `${ratio.toFixed(2)}:1`;

export interface BrandColors {
  primaryColor: string;
  secondaryColor: string;
  backgroundColor: string;
}

/**
 * Every text/background pair the portal renders with the brand colours (all `#RRGGBB`):
 * - the primary colour as text and links on the background (the seed's check);
 * - button text on the primary colour, and text on the secondary colour, which the portal uses
 *   as a surface (header, cards; white on white by default). For both the portal picks white or
 *   near-black, whichever reads better, so they fail only when neither reaches 4.5:1.
 */
export function contrastProblems(colors: BrandColors): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const problem = (field: string, ratio: number, message: string) =>
    problems.push({
      field,
      message,
      code: 'CONTRAST_TOO_LOW',
      params: { contrastRatio: ratio, requiredMinimum: REQUIRED_CONTRAST },
      contrastRatio: ratio,
      requiredMinimum: REQUIRED_CONTRAST,
    });

  const primaryOnBackground = roundedContrast(colors.primaryColor, colors.backgroundColor);
  if (primaryOnBackground < REQUIRED_CONTRAST) {
    problem(
      'primaryColor',
      primaryOnBackground,
      `The contrast of primary colour ${colors.primaryColor} on background ${colors.backgroundColor} is ${format(primaryOnBackground)}; ` +
        `at least ${REQUIRED_CONTRAST}:1 is required (WCAG 2.2 AA). Choose a darker or lighter colour.`,
    );
  }
  for (const [field, surface, what] of [
    ['primaryColor', colors.primaryColor, 'button text on primary colour'],
    ['secondaryColor', colors.secondaryColor, 'text on secondary colour'],
  ] as const) {
    const best = Math.max(roundedContrast(WHITE, surface), roundedContrast(NEAR_BLACK, surface));
    if (best < REQUIRED_CONTRAST) {
      problem(
        field,
        best,
        `Neither white nor near-black ${what} ${surface} reaches ${REQUIRED_CONTRAST}:1 (the better one is ${format(best)}). ` +
          'Choose a darker or lighter colour.',
      );
    }
  }
  return problems;
}
