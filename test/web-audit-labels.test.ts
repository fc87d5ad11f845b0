import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES } from '../domain/audit/audit.types.js';
import { projectRoot } from '../core/paths.js';

/**
 * The admin panel's audit trail shows every event type in words: a type the gateway records
 * without a Dutch or English label fails here (the web module is loaded by path, as in
 * web-problem-texts.test.ts).
 */
type Labels = { AUDIT_EVENT_LABELS: Record<string, Record<string, string>>; auditEventLabel: (t: string, l: string) => string };
const labels = () =>
  import(/* @vite-ignore */ path.join(projectRoot, 'web', 'src', 'lib', 'i18n', 'audit-event-labels.ts')) as Promise<Labels>;

describe('audit event labels in the admin panel', () => {
  it.each(['nl', 'en'])('every audit event type has a label in %s', async (language) => {
    const { AUDIT_EVENT_LABELS } = await labels();
    const table = AUDIT_EVENT_LABELS[language]!;
    expect(AUDIT_EVENT_TYPES.filter((type) => !table[type]?.trim())).toEqual([]);
    // No label for a type the gateway does not record (a renamed type would leave one behind).
    expect(Object.keys(table).filter((type) => !(AUDIT_EVENT_TYPES as readonly string[]).includes(type))).toEqual([]);
  });

  it('the two languages say different things, and an unknown type shows its raw name', async () => {
    const { auditEventLabel } = await labels();
    expect(auditEventLabel('login.failed', 'nl')).toBe('Inloggen mislukt');
    expect(auditEventLabel('login.failed', 'en')).toBe('Sign-in failed');
    expect(auditEventLabel('something.new', 'nl')).toBe('something.new');
  });
});
