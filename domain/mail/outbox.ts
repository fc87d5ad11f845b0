import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * The outbox: without SMTP_URL, every mail becomes one RFC 5322 `.eml` file in DATA_DIR/outbox/,
 * which a developer opens in a mail client and a test reads back.
 */

/**
 * `20260314T153012123Z-<16 hex>.eml`: fixed-width UTC time first so `ls` and a sort show the
 * mails in the order they were sent; the random part keeps two mails in one millisecond apart.
 */
export function outboxFileName(sentAt: Date): string {
  const stamp = sentAt.toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${randomBytes(8).toString('hex')}.eml`;
}

/**
 * Writes the message under a dot-named temp file and renames it into place, so whoever watches
 * the folder never sees half a mail. Files are private to the gateway's user: they hold
 * single-use links.
 */
export async function writeOutboxFile(dir: string, message: Buffer, sentAt: Date): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = outboxFileName(sentAt);
  const finalPath = path.join(dir, name);
  const tempPath = path.join(dir, `.${name}.tmp`);
  try {
    const file = await open(tempPath, 'wx', 0o600);
    try {
      await file.writeFile(message);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, finalPath);
  } catch (error) {
    await unlink(tempPath).catch(() => {});
    throw error;
  }
  return finalPath;
}
