import { NotConfiguredError, UpstreamUnavailableError } from '../core/errors.js';

/**
 * The tenant's Nextcloud settings are wrong (rejected credentials, unknown register or schema, a
 * service account that cannot see the data). That is no outage, so clients get NOT_CONFIGURED ("this
 * part of the portal is not available"), not "try again in a few minutes"; whether and how a tenant
 * is misconfigured is not their business. `reason` is for logs, readiness and `tenant check` only and
 * never contains a password or an upstream body. `resource` names the part that is missing when the
 * problem is one schema, so only the features that need it go dark.
 */
export class NextcloudConfigurationError extends NotConfiguredError {
  readonly reason: string;
  readonly resource: string | null;

  constructor(reason: string, resource: string | null = null) {
    super();
    this.reason = reason;
    this.resource = resource;
    this.name = 'NextcloudConfigurationError';
  }
}

/**
 * An optional resource (the request-category catalogue) the register does not have: "not
 * configured", which callers treat as absent, never as a failed check.
 */
export class SchemaNotConfiguredError extends NextcloudConfigurationError {
  constructor(resource: string, reason: string) {
    super(reason, resource);
    this.name = 'SchemaNotConfiguredError';
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
