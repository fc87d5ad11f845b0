import type { NcObject } from '../../nextcloud/types.js';
import type { PersonRecords } from './retention-facts.js';

/**
 * Documents that name the person (an invoice PDF, a contract scan, a file on a request) are
 * files on the administration's records in Nextcloud: the portal neither wrote nor may rewrite
 * them, and fiscal law may still require them. The cleanup lists them so the DPO knows what was
 * kept and where; it only counts files, it never opens them.
 */
export const KEPT_BY_ADMINISTRATION = 'kept by the administration';

export interface KeptRecord {
  kind: 'transaction' | 'contract' | 'request';
  id: string;
  files: number;
}

export function recordsWithDocuments(records: PersonRecords): KeptRecord[] {
  const kept: KeptRecord[] = [];
  const add = (kind: KeptRecord['kind'], rows: NcObject[]) => {
    for (const row of rows) if (row['@self'].files.length > 0) kept.push({ kind, id: row.id, files: row['@self'].files.length });
  };
  add('transaction', records.transactions);
  add('contract', records.contracts);
  add('request', records.requests);
  return kept;
}
