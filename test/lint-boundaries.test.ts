import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/paths.js';

/**
 * The import boundaries are part of `npm run check` (eslint.boundaries.js). These lint a one-line
 * probe as if it were a file at `file`, through the project's own config, so a config edit that
 * silently stops enforcing a boundary fails here.
 */
const eslint = new ESLint({ cwd: projectRoot });

async function boundaryErrors(file: string, specifier: string): Promise<string[]> {
  const code = `import { probe } from '${specifier}';\nexport const used = probe;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(projectRoot, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries in the linter', () => {
  it('refuses a domain module that imports the gateway, resolvers or schema', async () => {
    expect(await boundaryErrors('domain/accounts/probe.ts', '../../gateway/context.js')).toEqual([
      expect.stringContaining('domain/ must not depend on a transport'),
    ]);
    expect(await boundaryErrors('domain/tenants/config/probe.ts', '../../../resolvers/rules.js')).toHaveLength(1);
    expect(await boundaryErrors('domain/probe.ts', '../schema/portal/portal.type.js')).toHaveLength(1);
  });

  it('lets the domain use nextcloud, store, core and its own folders', async () => {
    for (const specifier of [
      '../../nextcloud/connector.js',
      '../../store/connection.js',
      '../../core/errors.js',
      '../audit/index.js',
    ]) {
      expect(await boundaryErrors('domain/accounts/probe.ts', specifier)).toEqual([]);
    }
  });

  it('keeps the Nextcloud and database edges free of the domain', async () => {
    expect(await boundaryErrors('nextcloud/probe.ts', '../domain/principal.js')).toHaveLength(1);
    expect(await boundaryErrors('store/probe.ts', '../domain/principal.js')).toHaveLength(1);
    expect(await boundaryErrors('core/probe.ts', '../store/connection.js')).toHaveLength(1);
  });

  it('lets nothing but the gateway import the gateway', async () => {
    expect(await boundaryErrors('resolvers/portal/probe.ts', '../../gateway/context.js')).toHaveLength(1);
    expect(await boundaryErrors('jobs/probe.ts', '../gateway/server.js')).toHaveLength(1);
    expect(await boundaryErrors('gateway/probe.ts', '../domain/principal.js')).toEqual([]);
  });

  it('keeps mongoose models behind domain services', async () => {
    expect(await boundaryErrors('gateway/probe.ts', '../domain/tenants/tenant.model.js')).toEqual([
      expect.stringContaining('Only domain/ uses *.model.ts'),
    ]);
    expect(await boundaryErrors('resolvers/probe.ts', '../domain/accounts/account.model.js')).toHaveLength(1);
    expect(await boundaryErrors('domain/tenants/probe.ts', './tenant.model.js')).toEqual([]);
  });

  it('keeps the web app inside web/src', async () => {
    expect(await boundaryErrors('web/src/lib/api/probe.ts', '../../../../domain/principal.js')).toHaveLength(1);
    expect(await boundaryErrors('web/src/lib/api/probe.ts', '../errors')).toEqual([]);
  });

  it('keeps test support out of product code, while tests may reach across layers', async () => {
    expect(await boundaryErrors('gateway/probe.ts', '../domain/accounts/account.test-support.js')).toEqual([
      expect.stringContaining('must not import tests or test support'),
    ]);
    expect(await boundaryErrors('domain/probe.ts', '../test/global-setup.js')).toHaveLength(1);
    expect(await boundaryErrors('domain/avg/probe.test.ts', '../../gateway/secret-key.js')).toEqual([]);
  });
});
