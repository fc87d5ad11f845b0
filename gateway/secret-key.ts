import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

/**
 * The master secret: PORTAL_SECRET_KEY when given (required in production). Otherwise one is
 * generated on first start and kept in DATA_DIR/secret.key (mode 0600), so sessions, signed
 * links and encrypted credentials survive restarts of a development or demo install.
 */
export function loadSecretKey(config: Config): string {
  const existing = existingSecretKey(config);
  if (existing) return existing;
  const file = path.join(config.dataDir, 'secret.key');
  mkdirSync(config.dataDir, { recursive: true });
  const generated = randomBytes(48).toString('base64url');
  writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  return generated;
}

/** The key this process would use, without generating one: PORTAL_SECRET_KEY, else DATA_DIR/secret.key, else null. */
export function existingSecretKey(config: Config): string | null {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}
