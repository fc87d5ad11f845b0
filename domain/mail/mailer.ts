import { randomUUID } from 'node:crypto';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Logger } from '../../core/logger.js';
import { writeOutboxFile } from './outbox.js';

/**
 * The one module that talks to SMTP. With SMTP_URL mails go out over a pooled nodemailer
 * transport; without it nodemailer still builds the real MIME message, which lands as an `.eml`
 * file in DATA_DIR/outbox/. Bodies carry single-use links, so they are never logged: a log line
 * names the template and the recipient's domain only.
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  replyTo?: string;
  /** Display name for From, e.g. the tenant's portal name. */
  senderName?: string;
  /** The tenant's own From address; the configured one (MAIL_FROM) when absent. */
  senderAddress?: string;
  /** Which template produced the mail (renderMail sets it); logged instead of the content. */
  template?: string;
  locale?: string;
}

export interface Mailer {
  readonly transport: 'smtp' | 'outbox';
  send(message: OutgoingMail): Promise<{ messageId: string }>;
  /** Lets sends in flight finish (up to a few seconds), then closes the SMTP pool. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /** smtp:// (STARTTLS when offered; add `?requireTLS=true` to insist) or smtps:// (TLS from the start). */
  smtpUrl: string | null;
  outboxDir: string;
  /** e.g. `Klantportaal <no-reply@portal.example>`; see fromAddressFor. */
  from: string;
  logger: Logger;
  /** Milliseconds; defaults bound a dead or silent server to seconds, not nodemailer's minutes. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
  now?: () => Date;
}

/** Why a mail did not leave. The message names the server and masks recipient addresses. */
export class MailDeliveryError extends Error {
  readonly code: string | undefined;
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'MailDeliveryError';
    this.code = options.code;
  }
}

const CLOSE_GRACE_MS = 5_000;

export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, outboxDir, from, logger } = options;
  const now = options.now ?? (() => new Date());
  const transport = smtpUrl ? 'smtp' : 'outbox';
  const fromAddress = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  const where = smtpUrl ? `SMTP server ${describeServer(smtpUrl)}` : `outbox ${outboxDir}`;
  const transporter: Transporter = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections: 3,
        // A dropped connection re-sends the message once; more re-tries only delay the failure
        // the caller (a job) handles anyway, and each one risks a duplicate.
        maxRequeues: 1,
        connectionTimeout: options.timeouts?.connection ?? 10_000,
        greetingTimeout: options.timeouts?.greeting ?? 10_000,
        socketTimeout: options.timeouts?.socket ?? 30_000,
      })
    : // nodemailer's default line ends are CRLF, as RFC 5322 wants.
      nodemailer.createTransport({ streamTransport: true, buffer: true });
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  async function deliver(message: OutgoingMail): Promise<{ messageId: string; file?: string }> {
    const sentAt = now();
    const address = message.senderAddress ?? fromAddress;
    const mail: SendMailOptions = {
      // nodemailer quotes and encodes the name itself, so a tenant name cannot inject headers.
      from: message.senderName || message.senderAddress ? { name: singleLine(message.senderName ?? ''), address } : from,
      // On the sender's own domain: spam filters distrust a Message-ID whose domain is not the From's.
      messageId: `<${randomUUID()}@${domainOf(address)}>`,
      to: message.to,
      replyTo: message.replyTo,
      subject: message.subject,
      text: message.text,
      html: message.html,
      date: sentAt,
      // RFC 3834: keeps out-of-office robots from answering a no-reply sender.
      headers: { 'Auto-Submitted': 'auto-generated', ...message.headers },
      // Content is text, never a file path or URL for nodemailer to fetch (on every transport).
      disableFileAccess: true,
      disableUrlAccess: true,
    };
    const info = await transporter.sendMail(mail);
    if (smtpUrl) return { messageId: info.messageId };
    const file = await writeOutboxFile(outboxDir, info.message as Buffer, sentAt);
    return { messageId: info.messageId, file: path.basename(file) };
  }

  return {
    transport,
    async send(message) {
      const logged = { template: message.template, locale: message.locale, toDomain: domainOf(message.to), transport };
      if (closed) throw new MailDeliveryError('The mailer is closed; the gateway is shutting down.');
      const pending = deliver(message);
      inFlight.add(pending);
      try {
        const { messageId, file } = await pending;
        logger.info({ mail: { ...logged, messageId, file } }, 'mail sent');
        return { messageId };
      } catch (error) {
        const code = (error as { code?: string }).code;
        const responseCode = (error as { responseCode?: number }).responseCode;
        logger.warn({ mail: logged, error: { code, responseCode } }, 'mail not delivered');
        const reason = maskAddresses(error instanceof Error ? error.message : String(error));
        throw new MailDeliveryError(`Mail could not be delivered to the ${where}: ${reason}`, { cause: error, code });
      } finally {
        inFlight.delete(pending);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS).unref()));
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      transporter.close();
    },
  };
}

/**
 * The sender for a gateway reachable at `publicUrl`: `Klantportaal <no-reply@host>`. A bare IP
 * or single-label host (local runs) is no mail domain, so those fall back to `localhost`.
 */
export function fromAddressFor(publicUrl: string, displayName = 'Klantportaal', mailFrom: string | null = null): string {
  if (mailFrom) return `${displayName} <${mailFrom}>`;
  // An IPv6 host ("[::1]") contains ':', which rules it out below.
  const host = new URL(publicUrl).hostname;
  const isMailDomain = host.includes('.') && !/^[\d.]+$/.test(host) && !host.includes(':');
  return `${displayName} <no-reply@${isMailDomain ? host : 'localhost'}>`;
}

/** The recipient's domain, the most a log line may say about who got a mail. */
export function domainOf(address: string): string {
  return /@([^\s<>@,]+)>?\s*$/.exec(address)?.[1]?.toLowerCase() ?? 'unknown';
}

function singleLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

function maskAddresses(text: string): string {
  return text.replace(/[^\s<>@,;:"']+@(?=[A-Za-z0-9.-])/g, '…@');
}

/** The server as scheme://host:port, never with the credentials the URL may carry. */
function describeServer(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(unparseable SMTP_URL)';
  }
}
