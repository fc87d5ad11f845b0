import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { addressesIn, parseMail } from './mime.js';

export { addressesIn, parseMail } from './mime.js';

/** One mail as it arrived at the catcher, read the way a mail client would. */
export interface CaughtMail {
  /** The envelope recipients (RCPT TO), bare and lower-cased, comma-separated; usually one. */
  to: string;
  /** The From header as written, e.g. `Klantportaal <no-reply@portal.example>`. */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Header names lower-cased, values decoded. */
  headers: Record<string, string>;
  envelope: { mailFrom: string; rcptTo: string[] };
  raw: string;
  receivedAt: Date;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:PORT`, ready for SMTP_URL. */
  url: string;
  port: number;
  messages(): CaughtMail[];
  /** The first mail (already caught or still to come) that matches; rejects after timeoutMs. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  /** Forgets what arrived so far, for tests that reuse the catcher. */
  clear(): void;
  close(): Promise<void>;
}

/**
 * A real SMTP peer on loopback for tests: plain SMTP, no AUTH and no STARTTLS, so nodemailer
 * talks to it exactly as to a relay. Everything that arrives is parsed and kept in memory.
 */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const caught: CaughtMail[] = [];
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 10 * 1024 * 1024,
    // A pooled client keeps its connection open; do not let that stall close() for long.
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too big'), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        const parsed = parseMail(raw);
        const rcptTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const mail: CaughtMail = {
          to: rcptTo.join(', '),
          from: parsed.from,
          subject: parsed.subject,
          text: parsed.text,
          html: parsed.html,
          headers: parsed.headers,
          envelope: { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo },
          raw: raw.toString('utf8'),
          receivedAt: new Date(),
        };
        caught.push(mail);
        arrivals.emit('mail', mail);
        callback(null);
      });
    },
  });
  server.on('error', () => {}); // a client hanging up mid-session is not a test failure

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: () => [...caught],
    waitFor(predicate, timeoutMs = 5_000) {
      const already = caught.find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const onMail = (mail: CaughtMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          arrivals.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrivals.off('mail', onMail);
          const seen = caught.map((m) => `${m.to}: ${m.subject}`).join('; ') || 'nothing';
          reject(new Error(`No matching mail within ${timeoutMs} ms (caught: ${seen})`));
        }, timeoutMs);
        arrivals.on('mail', onMail);
      });
    },
    clear: () => void caught.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The first URL in the mail's text that contains `pathPrefix` (e.g. `/portal/reset-password`),
 * for following the link a mail carries. Throws when there is none, naming what was there.
 */
export function linkIn(mail: Pick<CaughtMail, 'text'>, pathPrefix: string): string {
  const urls = mail.text.match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
  const link = urls.find((url) => url.includes(pathPrefix));
  if (!link) throw new Error(`No link containing ${pathPrefix} in the mail (links: ${urls.join(', ') || 'none'})`);
  return link;
}

/** Whether the mail went to `address` (envelope or To header), case-insensitively. */
export function isAddressedTo(mail: CaughtMail, address: string): boolean {
  const wanted = address.toLowerCase();
  return mail.envelope.rcptTo.includes(wanted) || addressesIn(mail.headers.to ?? '').includes(wanted);
}
