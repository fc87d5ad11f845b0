import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this file rather than the working directory. */
export const projectRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
