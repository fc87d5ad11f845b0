import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPortalSettings, type PortalSettings } from '../portal-settings.js';
import { diffPortalSettings } from './diff.js';
import type { ImageUpload } from './images.js';
import { TEST_IMAGES } from './test-images.js';

/**
 * What the admin audit trail records for a save: exactly the fields that changed, with their old
 * and new value, and images as type, size and hash (never their bytes, the trail is kept for years).
 */
const upload = (kind: ImageUpload['kind'], mimeType: ImageUpload['mimeType'], bytes: Buffer): ImageUpload => ({
  kind,
  mimeType,
  bytes,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});
const settings = (changes: Partial<PortalSettings> = {}): PortalSettings => ({ ...defaultPortalSettings(), ...changes });

// 3 KB, so the size shows as "3.0 KB" (and not as bytes or rounded away).
const LOGO = upload('logo', 'image/png', Buffer.concat([TEST_IMAGES.png, Buffer.alloc(3 * 1024 - TEST_IMAGES.png.length)]));
const OTHER_LOGO = upload('logo', 'image/jpeg', Buffer.concat([TEST_IMAGES.jpeg, Buffer.alloc(1536 - TEST_IMAGES.jpeg.length)]));
const FAVICON = upload('favicon', 'image/x-icon', TEST_IMAGES.ico);
const ref = (image: ImageUpload) => ({ mimeType: image.mimeType, sha256: image.sha256 });

describe('diffPortalSettings', () => {
  it('records nothing for a save that changes nothing, lists and images included', () => {
    const before = settings({ logo: ref(LOGO), widgetAllowedOrigins: ['https://bakker.nl'] });
    // Equal content in new objects: a save sends fresh arrays and image references every time.
    const after = settings({ logo: ref(LOGO), widgetAllowedOrigins: ['https://bakker.nl'] });
    expect(diffPortalSettings(before, after, [LOGO])).toEqual({ changedFields: [], changes: {} });
  });

  it('lists each changed field once, with its value before and after', () => {
    const before = settings();
    const after = settings({
      displayName: 'Bakkerij de Korenschoof',
      enabledFeatures: ['INVOICES', 'PROFILE'],
      supportEmail: 'klantenservice@bakker.nl',
      sessionTtlHours: 12,
      b2cEnabled: false,
    });
    expect(diffPortalSettings(before, after)).toEqual({
      changedFields: ['displayName', 'supportEmail', 'enabledFeatures', 'b2cEnabled', 'sessionTtlHours'],
      changes: {
        displayName: { from: 'Klantportaal', to: 'Bakkerij de Korenschoof' },
        supportEmail: { from: null, to: 'klantenservice@bakker.nl' },
        enabledFeatures: { from: [...before.enabledFeatures], to: ['INVOICES', 'PROFILE'] },
        b2cEnabled: { from: true, to: false },
        sessionTtlHours: { from: 8, to: 12 },
      },
    });
  });

  it('notices a list whose order alone changed', () => {
    const before = settings({ widgetAllowedOrigins: ['https://a.nl', 'https://b.nl'] });
    const after = settings({ widgetAllowedOrigins: ['https://b.nl', 'https://a.nl'] });
    expect(diffPortalSettings(before, after).changedFields).toEqual(['widgetAllowedOrigins']);
  });

  it('shows a new logo as its type, size and the start of its hash, and a removed favicon as null', () => {
    const before = settings({ favicon: ref(FAVICON) });
    const after = settings({ logo: ref(LOGO) });
    const diff = diffPortalSettings(before, after, [LOGO]);
    expect(diff.changedFields).toEqual(['logo', 'favicon']);
    expect(diff.changes.logo).toEqual({ from: null, to: `image/png, 3.0 KB, sha256 ${LOGO.sha256.slice(0, 16)}…` });
    // The favicon was uploaded in an earlier save: its size is not at hand, its type and hash are.
    expect(diff.changes.favicon).toEqual({ from: `image/x-icon, sha256 ${FAVICON.sha256.slice(0, 16)}…`, to: null });
  });

  it('describes a replaced logo by the upload that matches each hash, never by its bytes', () => {
    const diff = diffPortalSettings(settings({ logo: ref(LOGO) }), settings({ logo: ref(OTHER_LOGO) }), [LOGO, OTHER_LOGO]);
    expect(diff.changes.logo).toEqual({
      from: `image/png, 3.0 KB, sha256 ${LOGO.sha256.slice(0, 16)}…`,
      to: `image/jpeg, 1.5 KB, sha256 ${OTHER_LOGO.sha256.slice(0, 16)}…`,
    });
    const recorded = JSON.stringify(diff);
    expect(recorded).not.toContain(LOGO.bytes.toString('base64').slice(0, 24));
    expect(recorded).not.toContain(OTHER_LOGO.sha256.slice(16));
  });
});
