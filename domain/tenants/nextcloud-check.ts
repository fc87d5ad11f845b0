import { isPortalError } from '../../core/errors.js';
import { createMetrics } from '../../core/metrics.js';
import { NextcloudConnector } from '../../nextcloud/connector.js';
import { NextcloudConfigurationError } from '../../nextcloud/errors.js';
import { PIPELINQ_RESOURCES, type NcUser, type NextcloudTenantSettings } from '../../nextcloud/types.js';

/** Settings about to be stored for a tenant: what the connector would be built with. */
export type CandidateNextcloud = Omit<NextcloudTenantSettings, 'timeoutMs'>;

export type NextcloudCheck = { ok: true; user: NcUser } | { ok: false; reason: string };

/**
 * Tries settings before they are stored: the service account's credentials (OCS `cloud/user`,
 * since the object routes answer a wrong password with an empty, anonymous list), then every
 * mapped schema in the register, which also proves the account sees client records. Uses a
 * connector of its own, so nothing of the running gateway's state is touched.
 */
export async function checkNextcloudSettings(
  candidate: CandidateNextcloud,
  options: { timeoutMs?: number } = {},
): Promise<NextcloudCheck> {
  let connector: NextcloudConnector;
  try {
    connector = new NextcloudConnector(
      { ...candidate, timeoutMs: options.timeoutMs ?? 5_000 },
      { metrics: createMetrics(), tuning: { maxRetries: 1 } },
    );
  } catch (error) {
    if (error instanceof NextcloudConfigurationError) return { ok: false, reason: error.reason };
    throw error;
  }
  let user: NcUser;
  try {
    user = await connector.verifyServiceAccount();
    const required = Object.entries(PIPELINQ_RESOURCES)
      .filter(([, r]) => !r.optional)
      .map(([key]) => key);
    for (const resource of new Set([...required, ...Object.keys(candidate.schemas)]))
      await connector.listObjects(resource, { limit: 1, order: [['_uuid', 'asc']] });
  } catch (error) {
    if (error instanceof NextcloudConfigurationError) return { ok: false, reason: error.reason };
    if (isPortalError(error)) {
      return {
        ok: false,
        reason: `Nextcloud at ${candidate.baseUrl} could not be reached or answered with an error (refused, timed out or 5xx)`,
      };
    }
    throw error;
  }
  return { ok: true, user };
}
