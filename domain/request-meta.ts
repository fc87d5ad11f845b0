/**
 * What an audited action records about the HTTP request that caused it. Every domain takes it,
 * so it lives beside the principal rather than inside one domain.
 */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}
