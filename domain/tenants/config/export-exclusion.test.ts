import { describe, expect, it } from 'vitest';
import { defaultPortalSettings } from '../portal-settings.js';
import { validateTenantConfig } from './validate.js';

/** Internal notes are part of a data export unless the tenant states why not (issue 14 item 2). */
describe('internalNotesExportExclusion', () => {
  const validate = (value: string | null) =>
    validateTenantConfig({ internalNotesExportExclusion: value }, defaultPortalSettings(), { otherTenants: [] });
  const ground = 'Art. 15(4) AVG: notes name colleagues who did not consent; reviewed by the DPO on 2026-11-02.';

  it('is off by default: exports include internal notes', () => {
    expect(defaultPortalSettings().internalNotesExportExclusion).toBeNull();
  });

  it('takes a stated ground, trimmed, and clears with null or blank text', () => {
    const result = validate(`  ${ground}  `);
    expect(result).toMatchObject({ ok: true, settings: { internalNotesExportExclusion: ground } });
    expect(validate(null)).toMatchObject({ ok: true, settings: { internalNotesExportExclusion: null } });
    expect(validate('   ')).toMatchObject({ ok: true, settings: { internalNotesExportExclusion: null } });
  });

  it('refuses a ground too short to be one, or too long, naming the field', () => {
    for (const value of ['no', 'x'.repeat(1001)]) {
      const result = validate(value);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.problems).toMatchObject([{ field: 'internalNotesExportExclusion', message: expect.any(String) }]);
    }
  });
});
