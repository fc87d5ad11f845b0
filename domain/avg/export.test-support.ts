import { PassThrough } from 'node:stream';
import type { TestGateway } from '../../test/gateway.js';
import { readZip } from '../../test/zip.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import type { Account } from '../accounts/account.types.js';
import { accountExtrasReader } from './export-account-extras.js';
import { writeExportArchive } from './export-archive.js';
import { collectExportData } from './export-collector.js';
import { documentsOf, planDocuments } from './export-manifest.js';
import { exportTrailer } from './export-trailer.js';

/**
 * A data export's content, built the way the export runner builds it (collector, store extras,
 * audit trail, documents from Nextcloud, archive writer, trailer) but into memory, without the
 * archive store: tests of what goes IN the ZIP stay independent of where archives are kept. The
 * runner's own tests cover storage, retries and files gone missing.
 */
export async function exportInMemory(gateway: TestGateway, tenantId: string, account: Account): Promise<Map<string, Buffer>> {
  const tenant = gateway.services.tenants.get(tenantId)!;
  const connector = gateway.services.nextcloud.for(tenantId);
  const data = await collectExportData(tenant, account, connector);
  const mapping = fieldMappingFor(tenant);
  const extras = await accountExtrasReader(gateway.connection)(account.id);
  const plans = planDocuments(data.records);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeExportArchive(sink, {
    mtime: new Date(),
    entries: plans.map((plan) => ({
      zipPath: plan.zipPath,
      open: async () => (await connector.downloadFile(mapping[plan.record.kind].resource, plan.record.id, plan.file.id)).body,
    })),
    trailer: (written) =>
      exportTrailer({
        exportId: 'test-export',
        exportedAt: new Date('2026-12-07T10:00:00Z'),
        tenant,
        account,
        data,
        documents: documentsOf(plans, written),
        extras,
        events: () => gateway.services.audit.stream(tenantId, { accountId: account.id }),
      }),
  });
  return readZip(Buffer.concat(chunks));
}
