import { json, type SimResponse } from './http.js';

/**
 * The OCS envelope (§10.1) in JSON or XML. v2 maps the OCS status code onto the HTTP status;
 * v1 answers 200 for most failures (401 excepted) and reports success as 100.
 */

export type OcsVersion = 1 | 2;

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Nextcloud's toXML: list items become `<element>`, booleans 1/empty, null an empty tag. */
function toXml(value: unknown, indent: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '';
  if (typeof value !== 'object') return escapeXml(String(value));
  const entries = Array.isArray(value) ? value.map((v) => ['element', v] as const) : Object.entries(value);
  if (entries.length === 0) return '';
  const inner = entries
    .map(([key, v]) => {
      const body = toXml(v, `${indent} `);
      const tag = /^[A-Za-z_][\w.-]*$/.test(key) ? key : 'element';
      return body === ''
        ? `${indent} <${tag}/>`
        : typeof v === 'object' && v !== null
          ? `${indent} <${tag}>\n${body}\n${indent} </${tag}>`
          : `${indent} <${tag}>${body}</${tag}>`;
    })
    .join('\n');
  return inner;
}

export function ocsResponse(
  version: OcsVersion,
  format: 'json' | 'xml',
  ocsCode: number,
  message: string,
  data: unknown,
  headers?: Record<string, string>,
): SimResponse {
  const ok = ocsCode === 100 || (ocsCode >= 200 && ocsCode < 300);
  // v2 reports "not found" as 404 in the meta as well; 997 stays 997 (§10.1, §10.2).
  const statuscode = version === 1 ? (ok ? 100 : ocsCode) : ocsCode === 998 ? 404 : ocsCode;
  const httpFromCode =
    ocsCode === 997
      ? 401
      : ocsCode === 998
        ? 404
        : ocsCode === 996 || ocsCode === 999
          ? 500
          : ok
            ? 200
            : ocsCode >= 400 && ocsCode < 600
              ? ocsCode
              : 400;
  const status = version === 2 ? httpFromCode : ocsCode === 997 ? 401 : 200;
  const envelope = { ocs: { meta: { status: ok ? 'ok' : 'failure', statuscode, message }, data } };
  if (format === 'json') return { ...json(status, envelope), headers };
  const body = `<?xml version="1.0"?>\n<ocs>\n${toXml(envelope.ocs, '')}\n</ocs>\n`;
  return { status, body, contentType: 'application/xml; charset=utf-8', headers, compressible: true };
}
