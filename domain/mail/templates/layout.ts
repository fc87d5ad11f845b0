import { contrastRatio, parseHexColor, readableTextOn } from '../../../core/contrast.js';
import type { LocaleChrome, MailBranding, MailContent, MailLocale } from './types.js';

const DEFAULT_BRAND = '#21468B';
const MUTED = '#4A4A4A';

/** Everything a variable can contain is text; this is the only way it enters the HTML. */
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c]!);
}

/**
 * Links in mails are ours (activation, reset, download); anything but http(s) is a bug, and
 * refusing it keeps a `javascript:` URL out of an href even if a caller passes one by mistake.
 */
function assertWebUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'https' && scheme !== 'http') throw new Error('Mail links must be http(s) URLs');
  return url;
}

/** The brand colour as #RRGGBB; colours are interpolated into CSS, so only a valid hex gets through. */
function brandColorOf(value: string | null | undefined): string {
  const rgb = value ? parseHexColor(value) : null;
  if (!rgb) return DEFAULT_BRAND;
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** Body links sit on white: use the brand colour only when it stays readable there (WCAG 4.5:1). */
function linkColorFor(brand: string): string {
  return contrastRatio(parseHexColor(brand)!, [255, 255, 255]) >= 4.5 ? brand : DEFAULT_BRAND;
}

export interface LayoutInput {
  locale: MailLocale;
  chrome: LocaleChrome;
  branding: MailBranding;
  recipientName?: string | null;
  content: MailContent;
}

export function renderText({ chrome, branding, recipientName, content }: LayoutInput): string {
  const blocks: string[] = [branding.tenantName, content.heading, chrome.greeting(recipientName), ...content.paragraphs];
  if (content.action) blocks.push(`${content.action.label}:\n${assertWebUrl(content.action.url)}`);
  blocks.push(...(content.notes ?? []));
  const footer = ['-- ', branding.tenantName];
  if (branding.supportEmail) footer.push(chrome.supportLine(branding.supportEmail));
  footer.push(chrome.automated);
  return `${[...blocks, footer.join('\n')].join('\n\n')}\n`;
}

export function renderHtml({ locale, chrome, branding, recipientName, content }: LayoutInput): string {
  const e = escapeHtml;
  const brand = brandColorOf(branding.brandColor);
  const onBrand = readableTextOn(brand);
  const link = linkColorFor(brand);
  const p = (text: string, style = 'margin:0 0 16px;') => `<p style="${style}">${e(text)}</p>`;

  const body = [
    `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${e(content.heading)}</h1>`,
    p(chrome.greeting(recipientName)),
    ...content.paragraphs.map((text) => p(text)),
  ];
  if (content.action) {
    const url = e(assertWebUrl(content.action.url));
    body.push(
      `<p style="margin:24px 0;"><a href="${url}" style="display:inline-block;background-color:${brand};color:${onBrand};padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;">${e(content.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:14px;">${e(chrome.copyLink)}<br><a href="${url}" style="color:${link};word-break:break-all;">${url}</a></p>`,
    );
  }
  body.push(...(content.notes ?? []).map((text) => p(text, `margin:0 0 8px;font-size:14px;color:${MUTED};`)));

  const footer = [e(branding.tenantName)];
  if (branding.supportEmail) footer.push(e(chrome.supportLine(branding.supportEmail)));
  footer.push(e(chrome.automated));

  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#F4F5F7;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background-color:#F4F5F7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background-color:#FFFFFF;border-radius:6px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1A1A1A;">
<tr><td style="background-color:${brand};color:${onBrand};padding:16px 24px;font-size:18px;font-weight:bold;border-radius:6px 6px 0 0;">${e(branding.tenantName)}</td></tr>
<tr><td style="padding:24px;">
${body.join('\n')}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #E1E4E8;font-size:13px;color:${MUTED};">${footer.join('<br>')}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
