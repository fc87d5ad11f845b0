import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/paths.js';

/**
 * The web app's words for record values. The web app is type-checked by its own tsconfig, so its
 * modules are loaded by path here (vite resolves them) instead of imported into the gateway's.
 */
const web = (file: string) => import(/* @vite-ignore */ path.join(projectRoot, 'web', 'src', 'lib', file));

describe('record statuses in the web app', () => {
  it.each(['nl', 'en'])('every status, priority, interval and payment value has a word in %s', async (language) => {
    const { wordKeys } = (await web('record-statuses.ts')) as { wordKeys: () => string[] };
    const dictionary = ((await web(`i18n/${language}.ts`)) as Record<string, Record<string, string>>)[language]!;
    const missing = wordKeys().filter((key) => !dictionary[key]?.trim());
    expect(missing).toEqual([]);
  });

  it('filters offer exactly the statuses each kind can have, drafts never', async () => {
    const { STATUS_FILTERS } = (await web('record-statuses.ts')) as { STATUS_FILTERS: unknown };
    expect(STATUS_FILTERS).toEqual({
      invoice: ['parked', 'confirmed', 'settled', 'refunded'],
      order: ['parked', 'confirmed', 'settled', 'refunded'],
      contract: ['draft', 'active', 'expiring', 'renewed', 'churned', 'cancelled'],
      request: ['new', 'in_progress', 'completed', 'rejected', 'converted'],
    });
  });
});
