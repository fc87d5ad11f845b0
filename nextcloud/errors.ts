import { UpstreamUnavailableError } from '../core/errors.js';

/**
 * The tenant's Nextcloud settings are wrong (rejected credentials, unknown register or schema, a
 * service account that cannot see the data). Clients only ever see UPSTREAM_UNAVAILABLE with the
 * standard message: whether a tenant is misconfigured is not their business. `reason` is for logs
 * and operators only and never contains a password or an upstream body.
 */
export class NextcloudConfigurationError extends UpstreamUnavailableError {
  readonly reason: string;

  constructor(reason: string) {
    super();
    this.reason = reason;
    this.name = 'NextcloudConfigurationError';
  }
}

/**
 * Upstream answered something the connector cannot read (HTML instead of JSON, a list without
 * `results`). Treated like an outage for clients; the shape problem is logged.
 */
export class MalformedUpstreamResponseError extends UpstreamUnavailableError {
  readonly reason: string;

  constructor(reason: string) {
    super();
    this.reason = reason;
    this.name = 'MalformedUpstreamResponseError';
  }
}
