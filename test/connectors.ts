import type { NextcloudConnector } from '../nextcloud/connector.js';
import type { NextcloudConnectors } from '../domain/tenants/nextcloud-connectors.js';

/**
 * The gateway's connectors with some methods replaced: `overrides` gets each tenant's real
 * connector (to fall back on) and returns the replacements; everything else is the real thing.
 */
export function overridingConnectors(
  connectors: Pick<NextcloudConnectors, 'for'>,
  overrides: (real: NextcloudConnector) => Partial<NextcloudConnector>,
): Pick<NextcloudConnectors, 'for'> {
  return {
    for(tenantId) {
      const real = connectors.for(tenantId);
      const replaced = overrides(real);
      return new Proxy(real, {
        get(target, property) {
          if (Object.hasOwn(replaced, property)) return replaced[property as keyof NextcloudConnector];
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
  };
}
