import { BadUserInputError, UpstreamUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { MalformedUpstreamResponseError, NextcloudConfigurationError } from './errors.js';
import type { UpstreamResponse } from './http-client.js';

/**
 * Turns upstream answers the connector did not expect into the product's errors, logging the real
 * reason with the tenant id. Clients only ever see the stable code and a generic message: upstream
 * bodies can name schemas, users and server internals.
 */
export class UpstreamFailures {
  constructor(
    private readonly tenantId: string,
    private readonly logger: Logger,
    /** Called when Nextcloud stops accepting the service account, so it is not asked again at once. */
    private readonly onCredentialsRejected: (error: NextcloudConfigurationError) => void,
  ) {}

  /** Statuses shared by all calls; 2xx and call-specific statuses are handled by the caller first. */
  call(res: UpstreamResponse, resource: string, what: string): never {
    if (res.status === 401) {
      const error = new NextcloudConfigurationError('Nextcloud no longer accepts the service account credentials');
      this.configuration(resource, error);
      this.onCredentialsRejected(error);
      throw error;
    }
    if (res.status === 403 || res.status === 404 || res.status === 412) {
      // Forbidden, a register or schema that vanished, or a CSRF/app-disabled refusal: all settings.
      throw this.configuration(
        resource,
        new NextcloudConfigurationError(`the service account cannot use ${what} of '${resource}' (HTTP ${res.status})`),
      );
    }
    return this.unexpected(res, resource, what);
  }

  /** A refused write: 400 (schema validation) and 422 (a hook) are the caller's input. */
  write(res: UpstreamResponse, resource: string, what: string): never {
    if (res.status === 400 || res.status === 422) {
      this.logger.warn({ tenant: this.tenantId, resource, status: res.status, what }, 'nextcloud refused a write');
      throw new BadUserInputError('The records system did not accept these details.');
    }
    return this.call(res, resource, what);
  }

  unexpected(res: UpstreamResponse, resource: string, what: string): never {
    this.logger.warn({ tenant: this.tenantId, resource, status: res.status, what }, 'unexpected nextcloud answer');
    throw new UpstreamUnavailableError();
  }

  configuration(resource: string, error: NextcloudConfigurationError): NextcloudConfigurationError {
    this.logger.warn({ tenant: this.tenantId, resource, reason: error.reason }, 'nextcloud configuration error');
    return error;
  }

  /** Runs a parse step; an unreadable answer is logged before its client-safe error travels on. */
  parsed<T>(resource: string, parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      this.logIfMalformed(resource, error);
      throw error;
    }
  }

  async parsedAsync<T>(resource: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      this.logIfMalformed(resource, error);
      throw error;
    }
  }

  /** OpenRegister answers zero rows for unknown properties: a field mapping is wrong somewhere. */
  /** Returns the ignored filter names (empty when none), so `tenant check` and readiness can name them. */
  warnAboutIgnoredFilters(res: UpstreamResponse, resource: string): string[] {
    const self = (res.json as { '@self'?: { ignoredFilters?: unknown } } | undefined)?.['@self'];
    if (Array.isArray(self?.ignoredFilters) && self.ignoredFilters.length > 0) {
      this.logger.warn(
        { tenant: this.tenantId, resource, ignoredFilters: self.ignoredFilters },
        'nextcloud ignored filters; check the field mapping',
      );
      return self.ignoredFilters.map(String);
    }
    return [];
  }

  warnSkippedRow(resource: string): void {
    this.logger.warn({ tenant: this.tenantId, resource }, 'nextcloud returned an object without an id');
  }

  private logIfMalformed(resource: string, error: unknown): void {
    if (error instanceof MalformedUpstreamResponseError) {
      this.logger.warn({ tenant: this.tenantId, resource, reason: error.reason }, 'unreadable nextcloud answer');
    }
  }
}
