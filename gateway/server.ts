import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import { createLogger, type Logger } from '../core/logger.js';
import { createMetrics } from '../core/metrics.js';
import { seedDemoAccounts } from '../domain/accounts/demo-accounts.js';
import { createServices } from '../domain/composition/create-services.js';
import type { Services } from '../domain/services.js';
import { RequestCountStore } from '../domain/rate-limit/request-counts.js';
import { seedDemoTenants } from '../domain/tenants/demo-tenants.js';
import { startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { SCAN_ALLOWANCE, UpstreamBulkheads } from '../nextcloud/upstream-guard.js';
import type { JobRunner } from '../jobs/agenda.js';
import { createJobRunner, exportQueueOf, startPortalJobs, type PortalJobWorker } from '../jobs/portal-jobs.js';
import { buildApiSchema } from '../resolvers/schema.js';
import { databaseEngine } from '../store/engine.js';
import type { EmbeddedDatabase } from '../store/ferretdb-server.js';
import { createApp } from './app.js';
import { isDemoMode, type Config } from './config.js';
import { openDatabase } from './database.js';
import { createGraphqlServer } from './graphql-server.js';
import { RequestRateLimit } from './request-rate-limit.js';
import { checkedSecretKey } from './secret-key-check.js';
import { SharedRequestCounts } from './shared-request-counts.js';
import { TrustedDocuments, WEB_MANIFEST_FILE } from './trusted-documents.js';

export interface GatewayOptions {
  logger?: Logger;
  /** Use this simulator instead of starting one (tests share one per file). */
  simulator?: Simulator;
  /** Database name inside MONGODB_URI's server (tests use one per file). */
  dbName?: string;
  /** The job worker: how often it polls (default 5 s), or `start: false` for none (tests that run jobs by hand). */
  jobs?: { processEvery?: string | number; start?: boolean; leaseMs?: number };
  /** How long a tenant's connection status is cached for /readyz and /metrics (default 30 s). */
  readinessTtlMs?: number;
  /** How often the request ceiling exchanges counts with the other replicas (default 1 s). */
  requestCountSyncMs?: number;
}

export interface RunningGateway {
  url: string;
  config: Config;
  services: Services;
  connection: Connection;
  simulator: Simulator | null;
  embeddedDatabase: EmbeddedDatabase | null;
  /** The Agenda worker of this process (export, nightly retention cleanup, hourly housekeeping). */
  jobs: JobRunner;
  /**
   * The worker of this process (null with JOBS=off or `jobs.start: false`). On the embedded engine
   * it may be waiting: only the holder of the worker lease runs jobs there.
   */
  jobWorker: PortalJobWorker | null;
  close(): Promise<void>;
}

/**
 * Assembles and starts the whole gateway: database (embedded unless MONGODB_URI), tenants,
 * Nextcloud connectors (the simulator in demo mode), GraphQL and HTTP. Resources opened so far
 * are closed again if a later step fails, so a failed start leaves nothing running.
 */
export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    cleanups.length = 0;
  };
  try {
    const { connection, embedded } = await openDatabase(config, logger, { dbName: options.dbName });
    cleanups.push(
      () => embedded?.stop(),
      async () => {
        // Mongoose creates each model's collection in the background; closing under it would leave
        // an unhandled rejection behind, so a gateway closed right after it started waits for them.
        await Promise.allSettled(Object.values(connection.models).map((model) => model.init()));
        await connection.close();
      },
    );
    // Refuses to start with a key other than the one the stored tenants were sealed with.
    const secretKey = await checkedSecretKey(connection, config);

    const metrics = createMetrics({ defaultMetrics: true });
    // The export service queues through the job runner, which starts once the services exist.
    const jobs = createJobRunner({ connection, logger, processEvery: options.jobs?.processEvery });
    const composed = await createServices({
      connection,
      secretKey,
      logger,
      metrics,
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
      mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
      exportQueue: exportQueueOf(jobs),
      readinessTtlMs: options.readinessTtlMs,
    });
    cleanups.push(() => composed.close());
    const { services } = composed;
    const { tenants } = services;

    let simulator: Simulator | null = null;
    if (isDemoMode(config)) {
      simulator = options.simulator ?? (await startSimulator());
      if (!options.simulator) cleanups.push(() => simulator?.close());
      const moved = await seedDemoTenants(simulator, tenants, {
        answers: (tenantId) =>
          services.nextcloud
            .for(tenantId)
            .ping()
            .then(
              () => true,
              () => false,
            ),
      });
      if (moved.length > 0)
        logger.info({ tenants: moved }, 'demo tenants moved to this simulator: their stored Nextcloud did not answer');
      await seedDemoAccounts(services, tenants);
    } else if (config.nextcloud) {
      // The environment seeds the default tenant once; from then on the database owns it (README).
      const { tenant, created } = await tenants.seed({
        id: config.defaultTenant,
        nextcloud: { baseUrl: config.nextcloud.url, loginName: config.nextcloud.user, appPassword: config.nextcloud.appPassword },
      });
      if (
        !created &&
        (tenant.nextcloud.baseUrl !== config.nextcloud.url || tenant.nextcloud.loginName !== config.nextcloud.user)
      ) {
        logger.warn(
          { tenantId: tenant.id, stored: { baseUrl: tenant.nextcloud.baseUrl, loginName: tenant.nextcloud.loginName } },
          'NEXTCLOUD_URL / NEXTCLOUD_USER differ from the stored tenant; the stored settings apply (change them with `npx portal tenant update`)',
        );
      }
    }
    cleanups.push(() => jobs.settled());

    let jobWorker: PortalJobWorker | null = null;
    if (!config.jobs) {
      // JOBS=off: a web replica. It still queues exports (a document in the shared database) for
      // the process with JOBS=on to run, and schedules nothing itself.
      logger.info('JOBS=off: this process runs no job worker');
    } else if (options.jobs?.start !== false) {
      // On the embedded engine a second JOBS=on process waits for the worker lease instead of
      // running jobs twice (jobs/worker-lease.ts); on MongoDB every JOBS=on process works.
      const exclusive = (await databaseEngine(connection)) === 'ferretdb';
      jobWorker = await startPortalJobs(jobs, services, { exclusive, leaseMs: options.jobs?.leaseMs });
      // Stops polling and gives up the lease; running jobs get a few seconds, then their lock
      // expires and the next worker resumes them.
      const started = jobWorker;
      cleanups.push(() => started.stop());
    }

    const schema = await buildApiSchema();
    const trustedDocuments = TrustedDocuments.load(WEB_MANIFEST_FILE, schema);
    const apollo = createGraphqlServer({
      schema,
      logger,
      metrics,
      introspection: config.nodeEnv !== 'production',
      limits: { upstreamCallsPerRequest: config.upstreamCallsPerRequest },
      trustedDocuments,
    });
    await apollo.start();
    cleanups.push(() => apollo.stop());

    // The per-address request ceiling counts what every replica on this database served.
    const sharedCounts = new SharedRequestCounts(new RequestCountStore(connection), 60_000, {
      logger,
      syncMs: options.requestCountSyncMs,
    });
    sharedCounts.start();
    cleanups.push(() => sharedCounts.stop());
    const app = createApp({
      connection,
      services,
      metrics,
      apollo,
      defaultTenant: config.defaultTenant,
      publicUrl: config.publicUrl,
      requestsPerMinute: config.requestsPerMinute,
      requestRateLimit: new RequestRateLimit(config.requestsPerMinute, 60_000, Date.now, sharedCounts),
      upstreamBulkheads: new UpstreamBulkheads({
        callsPerRequest: config.upstreamCallsPerRequest * SCAN_ALLOWANCE,
        concurrentPerPrincipal: config.upstreamConcurrencyPerPrincipal,
      }),
      trustProxy: config.trustProxy,
      trustedDocuments: { documents: trustedDocuments, mode: config.trustedDocuments },
    });
    const server = http.createServer(app);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 5_000).unref();
        }),
    );
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url }, 'gateway listening');

    return { url, config, services, connection, simulator, embeddedDatabase: embedded, jobs, jobWorker, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
