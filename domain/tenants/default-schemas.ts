/**
 * Pipelinq's own register slug (DESIGN.md, Nextcloud). Schemas need no defaults here: a resource the
 * tenant names no schema for is found the way Pipelinq finds it (nextcloud PIPELINQ_RESOURCES: its
 * app settings, then its slugs).
 */
export const DEFAULT_REGISTER = 'pipelinq';

/** Resource keys renamed since tenants were first stored. */
const RENAMED_RESOURCES: Readonly<Record<string, string>> = { salesContract: 'contract' };

/**
 * A tenant's explicit schema choices. Earlier versions stored every default (`client: "client"`,
 * `requestCategory: "requestCategory"`, …); an entry naming its own resource is no choice and would
 * stop the Pipelinq-style lookup (and turn an optional catalogue into a required one), so it is
 * dropped. `salesContract` is the contract resource's old key.
 */
export function explicitSchemas(stored: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(stored ?? {})) {
    if (typeof value !== 'string' || value.trim() === '' || value === key) continue;
    out[RENAMED_RESOURCES[key] ?? key] = value.trim();
  }
  return out;
}
