import type { CustomerSpec, TenantSpec } from './demo-catalog.js';
import type { PdfLine } from './pdf.js';
import type { SchemaKind } from './pipelinq-schemas.js';
import type { JsonObject } from './types.js';

/**
 * The intermediate form of demo objects: drafts are made per customer, then sorted by date, given
 * their document numbers in that order and turned into objects and files (demo-builder.ts).
 */

export const DAY = 86_400_000;

/** "Now" for the demo data: fixed, so the data does not drift with the calendar. */
export const BASE_DATE = Date.UTC(2026, 10, 1, 9, 0, 0);

export interface Attachment {
  name: string;
  title: string;
  lines: PdfLine[];
  labels: string[];
}

/** Hands out the next number of a series per year: `next('F', '2026', 5)` → `F-2026-00001`. */
export type NumberSeries = (series: string, year: string, width: number) => string;

export interface Draft {
  kind: SchemaKind;
  key: string;
  at: number;
  updatedAt?: number;
  data: JsonObject;
  organisation: string;
  /** Gives the draft its document number once all drafts are in date order. */
  number?: (next: NumberSeries) => void;
  attachment?: (data: JsonObject) => Attachment;
}

/** What the per-customer generators share: the customer, its ids and one seeded random stream. */
export interface CustomerContext {
  tenant: TenantSpec;
  customer: CustomerSpec;
  organisation: string;
  clientId: string;
  contactIds: string[];
  rnd: () => number;
  pick: <T>(list: T[]) => T;
  /** A random time of day offset within office hours. */
  hour: () => number;
  /** The purchasing contact (first) handles most documents; colleagues some. */
  contactFor: (i: number) => string | null;
}

export const euro = (n: number) =>
  `EUR ${n
    .toFixed(2)
    .replace('.', ',')
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
