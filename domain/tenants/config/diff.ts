import type { PortalSettings } from '../portal-settings.js';
import type { ImageUpload } from './images.js';

type Shown = string | number | boolean | null | string[];

export interface ConfigDiff {
  changedFields: string[];
  /** Field → its value before and after, as a reader of the audit trail wants to see it. */
  changes: Record<string, { from: Shown; to: Shown }>;
}

const describeImage = (image: PortalSettings['logo'], uploads: readonly ImageUpload[]): string | null => {
  if (!image) return null;
  const upload = uploads.find((candidate) => candidate.sha256 === image.sha256);
  const size = upload ? `, ${(upload.bytes.length / 1024).toFixed(1)} KB` : '';
  return `${image.mimeType}${size}, sha256 ${image.sha256.slice(0, 16)}…`;
};

/**
 * The audit trail's readable diff of a save: which fields changed and how. Images appear as type,
 * size and hash, never as their bytes (the trail is exported to CSV and kept for years).
 */
export function diffPortalSettings(
  before: PortalSettings,
  after: PortalSettings,
  uploads: readonly ImageUpload[] = [],
): ConfigDiff {
  const changes: ConfigDiff['changes'] = {};
  for (const field of Object.keys(after) as Array<keyof PortalSettings>) {
    if (field === 'logo' || field === 'favicon') {
      if (before[field]?.sha256 !== after[field]?.sha256) {
        changes[field] = { from: describeImage(before[field], uploads), to: describeImage(after[field], uploads) };
      }
      continue;
    }
    const from = before[field] as Shown;
    const to = after[field] as Shown;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return { changedFields: Object.keys(changes), changes };
}
