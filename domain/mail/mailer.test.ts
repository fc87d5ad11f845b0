import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { parseMail } from '../../test/mime.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { createMailer, domainOf, fromAddressFor, MailDeliveryError, type Mailer, type MailerOptions } from './mailer.js';
import { renderMail } from './templates/index.js';

const FROM = 'Klantportaal <no-reply@portal.example>';
const branding = { tenantName: 'Gemeente Súdwest-Fryslân', brandColor: '#21468B' };
const resetUrl = 'https://portal.example/portal/reset-password?token=SECRET-reset-token-0123456789abcdef';
const inviteUrl = 'https://portal.example/portal/activate?token=SECRET-invite-token-abcdef0123456789';

function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

const tmpDirs: string[] = [];
const mailers: Mailer[] = [];
function mailer(options: Partial<MailerOptions> & Pick<MailerOptions, 'smtpUrl'>) {
  const outboxDir = mkdtempSync(path.join(os.tmpdir(), 'portal-outbox-'));
  tmpDirs.push(outboxDir);
  const created = createMailer({ outboxDir, from: FROM, logger: captureLogs().logger, ...options });
  mailers.push(created);
  return { mailer: created, outboxDir };
}

afterEach(async () => {
  await Promise.all(mailers.splice(0).map((m) => m.close()));
});
afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

/** A loopback port nobody listens on, for "the SMTP server is down". */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('mailer over SMTP', () => {
  let catcher: SmtpCatcher;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
  });
  afterAll(async () => {
    await catcher.close();
  });

  it('delivers a Dutch and an English mail with subject, recipient, text and HTML intact', async () => {
    const { mailer: smtp } = mailer({ smtpUrl: catcher.url });
    expect(smtp.transport).toBe('smtp');
    const nlMail = renderMail('password-reset', 'nl', { ...branding, resetUrl, validForMinutes: 30 });
    const enMail = renderMail('account-invitation', 'en', {
      ...branding,
      recipientName: 'Émile',
      activationUrl: inviteUrl,
      validForMinutes: 10_080,
    });

    const [sentNl, sentEn] = await Promise.all([
      smtp.send({ to: 'jan.jansen@example.nl', ...nlMail }),
      smtp.send({ to: 'Emile@Example.org', ...enMail }),
    ]);

    const gotNl = await catcher.waitFor((m) => isAddressedTo(m, 'jan.jansen@example.nl'));
    expect(gotNl.to).toBe('jan.jansen@example.nl');
    expect(gotNl.from).toBe(FROM);
    expect(gotNl.subject).toBe('Wachtwoord herstellen voor Gemeente Súdwest-Fryslân');
    expect(gotNl.headers['message-id']).toBe(sentNl.messageId);
    expect(gotNl.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(gotNl.headers['auto-submitted']).toBe('auto-generated');
    expect(gotNl.text).toBe(nlMail.text.replace(/\r\n/g, '\n'));
    expect(gotNl.html.trim()).toBe(nlMail.html.trim());
    expect(linkIn(gotNl, '/portal/reset-password')).toBe(resetUrl);

    const gotEn = await catcher.waitFor((m) => m.headers['message-id'] === sentEn.messageId);
    expect(gotEn.to).toBe('emile@example.org');
    expect(gotEn.subject).toBe('Activate your Gemeente Súdwest-Fryslân account');
    expect(gotEn.text).toContain('Dear Émile,');
    expect(gotEn.html).toContain('<html lang="en">');
    expect(linkIn(gotEn, '/portal/activate')).toBe(inviteUrl);
  });

  it('rejects within seconds with a clear error when nothing listens', async () => {
    const port = await closedPort();
    const { mailer: down } = mailer({ smtpUrl: `smtp://user:pw@127.0.0.1:${port}` });
    const started = Date.now();
    const error = await down.send({ to: 'jan@example.nl', subject: 's', text: 't', html: '<p>t</p>' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as MailDeliveryError).code).toBe('ESOCKET');
    expect((error as Error).message).toBe(
      `Mail could not be delivered to the SMTP server smtp://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect((error as Error).message).not.toContain('user:pw');
  });

  it('rejects instead of hanging when the server accepts but never greets', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const { mailer: stuck } = mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, timeouts: { greeting: 500 } });
      const started = Date.now();
      const error = await stuck.send({ to: 'jan@example.nl', subject: 's', text: 't', html: 't' }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as MailDeliveryError).code).toBe('ETIMEDOUT');
      expect((error as Error).message).toMatch(
        /^Mail could not be delivered to the SMTP server smtp:\/\/127\.0\.0\.1:\d+: .*greeting/i,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('logs template and recipient domain, never the body, subject, link or local part', async () => {
    const logs = captureLogs();
    const { mailer: smtp } = mailer({ smtpUrl: catcher.url, logger: logs.logger });
    const content = renderMail('password-reset', 'nl', {
      ...branding,
      recipientName: 'Geheim Persoon',
      resetUrl,
      validForMinutes: 30,
    });
    await smtp.send({ to: 'geheim.persoon@klant.example', ...content });

    const { mailer: down } = mailer({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, logger: logs.logger });
    await expect(down.send({ to: 'geheim.persoon@klant.example', ...content })).rejects.toThrow(MailDeliveryError);

    const text = logs.text();
    const sent = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; mail?: Record<string, unknown> })
      .find((line) => line.msg === 'mail sent');
    expect(sent?.mail).toMatchObject({ template: 'password-reset', toDomain: 'klant.example', transport: 'smtp' });
    expect(sent?.mail?.messageId).toMatch(/@portal\.example>$/);
    expect(text).toContain('"template":"password-reset"');
    expect(text).toContain('"toDomain":"klant.example"');
    expect(text).toContain('mail sent');
    expect(text).toContain('mail not delivered');
    for (const secret of ['SECRET-reset-token', 'geheim.persoon', 'Geheim Persoon', content.subject, 'Wij hebben een verzoek']) {
      expect(text).not.toContain(secret);
    }
  });

  it('masks the recipient in errors when the server refuses them', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const { port } = refusing.server.address() as net.AddressInfo;
    try {
      const logs = captureLogs();
      const { mailer: smtp } = mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, logger: logs.logger });
      const error = await smtp.send({ to: 'jan.jansen@example.nl', subject: 's', text: 't', html: 't' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect((error as Error).message).toContain('<…@example.nl>: mailbox unavailable');
      expect((error as MailDeliveryError).cause).toMatchObject({ responseCode: 550 });
      expect((error as Error).message).toContain('550');
      expect((error as Error).message).not.toContain('jan.jansen');
      expect(logs.text()).toContain('"responseCode":550');
      expect(logs.text()).not.toContain('jan.jansen');
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('can name the tenant as sender while keeping the configured address', async () => {
    const { mailer: smtp } = mailer({ smtpUrl: catcher.url });
    const senderName = 'Gemeente "Súdwest" <Fryslân>\r\nBcc: evil@attacker.example';
    await smtp.send({ to: 'sender-test@example.nl', senderName, subject: 's', text: 't', html: 't' });
    const got = await catcher.waitFor((m) => m.to === 'sender-test@example.nl');
    expect(got.envelope.mailFrom).toBe('no-reply@portal.example');
    expect(got.envelope.rcptTo).toEqual(['sender-test@example.nl']);
    expect(got.headers.bcc).toBeUndefined();
    expect(got.from).toContain('<no-reply@portal.example>');
    expect(got.from).toBe('Gemeente "Súdwest" <Fryslân> Bcc: evil@attacker.example <no-reply@portal.example>');
  });

  it('puts the Message-ID on the sender’s own domain, the tenant’s when it has its own address', async () => {
    const { mailer: smtp } = mailer({ smtpUrl: catcher.url });
    const configured = await smtp.send({ to: 'mid-1@example.nl', subject: 's', text: 't', html: 't' });
    const tenant = await smtp.send({
      to: 'mid-2@example.nl',
      senderAddress: 'Portaal@Gemeente.Example',
      subject: 's',
      text: 't',
      html: 't',
    });
    expect(configured.messageId).toMatch(/^<[0-9a-f-]{36}@portal\.example>$/);
    expect(tenant.messageId).toMatch(/^<[0-9a-f-]{36}@gemeente\.example>$/);
    const got = await catcher.waitFor((m) => m.to === 'mid-2@example.nl');
    expect(got.headers['message-id']).toBe(tenant.messageId);
    expect(got.from).toBe('Portaal@gemeente.example');
    expect(got.envelope.mailFrom).toBe('Portaal@gemeente.example');
  });

  it('reads the address out of a configured From with a quoted name and trailing whitespace, or a bare address', async () => {
    for (const [from, address] of [
      ['"Portaal <Noord>" <no-reply@noord.example>\n', 'no-reply@noord.example'],
      ['  no-reply@bare.example  ', 'no-reply@bare.example'],
    ] as const) {
      const { mailer: smtp } = mailer({ smtpUrl: catcher.url, from });
      const to = `from-${address}`.replace(/@/g, '.') + '@example.nl';
      await smtp.send({ to, senderName: 'Gemeente Noord\r\n', subject: 's', text: 't', html: 't' });
      const got = await catcher.waitFor((m) => m.to === to);
      expect(got.envelope.mailFrom).toBe(address);
      expect(got.from).toBe(`Gemeente Noord <${address}>`);
    }
  });

  it('lets a send in flight finish when closed', async () => {
    const { mailer: smtp } = mailer({ smtpUrl: catcher.url });
    const sending = smtp.send({ to: 'last@example.nl', subject: 'Laatste', text: 'tekst', html: '<p>tekst</p>' });
    await smtp.close();
    const { messageId } = await sending;
    expect(catcher.messages().some((m) => m.headers['message-id'] === messageId)).toBe(true);
  });

  it('refuses to send after close()', async () => {
    const { mailer: smtp } = mailer({ smtpUrl: catcher.url });
    await smtp.close();
    await smtp.close(); // a second close (shutdown hooks may overlap) is harmless
    await expect(smtp.send({ to: 'after-close@b.example', subject: 's', text: 't', html: 't' })).rejects.toThrow(
      'The mailer is closed; the gateway is shutting down.',
    );
    expect(catcher.messages().some((m) => m.to === 'after-close@b.example')).toBe(false);
  });

  it('keeps one pooled connection for mails sent one after another', async () => {
    let connections = 0;
    const counting = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const { port } = counting.server.address() as net.AddressInfo;
    try {
      const { mailer: smtp } = mailer({ smtpUrl: `smtp://127.0.0.1:${port}` });
      for (const to of ['a@example.nl', 'b@example.nl', 'c@example.nl'])
        await smtp.send({ to, subject: 's', text: 't', html: 't' });
      expect(connections).toBe(1);
      await smtp.close();
    } finally {
      await new Promise<void>((resolve) => counting.close(() => resolve()));
    }
  });

  it('gives up on a server that greets and then goes silent, after the configured socket timeout', async () => {
    const sockets: net.Socket[] = [];
    const stalling = net.createServer((socket) => {
      sockets.push(socket);
      socket.write('220 stalling.example ESMTP\r\n');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const { port } = stalling.address() as net.AddressInfo;
    try {
      const { mailer: stuck } = mailer({ smtpUrl: `smtp://127.0.0.1:${port}`, timeouts: { socket: 500 } });
      const started = Date.now();
      const error = await stuck.send({ to: 'jan@example.nl', subject: 's', text: 't', html: 't' }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(error).toBeInstanceOf(MailDeliveryError);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });

  it('never reads a file or URL a caller hands it as content', async () => {
    const web = http.createServer((_request, response) => response.end('fetched by the mailer'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const { port } = web.address() as net.AddressInfo;
    try {
      const { mailer: smtp } = mailer({ smtpUrl: catcher.url });
      const asFile = { path: '/etc/hostname' } as unknown as string;
      const asUrl = { href: `http://127.0.0.1:${port}/` } as unknown as string;
      await expect(smtp.send({ to: 'file@example.nl', subject: 's', text: 't', html: asFile })).rejects.toThrow(
        MailDeliveryError,
      );
      await expect(smtp.send({ to: 'url@example.nl', subject: 's', text: asUrl, html: 't' })).rejects.toThrow(MailDeliveryError);
      expect(catcher.messages().filter((m) => m.to === 'file@example.nl' || m.to === 'url@example.nl')).toEqual([]);
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('names a mistyped SMTP_URL without its credentials', async () => {
    const { mailer: odd } = mailer({ smtpUrl: 'smtp://mailer:s3cret@127.0.0.1:99999' });
    const error = await odd.send({ to: 'jan@example.nl', subject: 's', text: 't', html: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect((error as Error).message).toMatch(/^Mail could not be delivered to the SMTP server \(unparseable SMTP_URL\): /);
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('mailer without SMTP_URL (outbox)', () => {
  it('writes each mail as a parseable .eml file, named in send order, atomically', async () => {
    let clock = Date.parse('2026-03-14T10:00:00.000Z');
    const { mailer: outbox, outboxDir } = mailer({ smtpUrl: null, now: () => new Date((clock += 1000)) });
    expect(outbox.transport).toBe('outbox');
    const first = renderMail('data-export-ready', 'en', {
      ...branding,
      downloadUrl: 'https://portal.example/portal/downloads/SECRET-export',
      validForMinutes: 43_200,
    });
    const sentFirst = await outbox.send({ to: 'jan@example.nl', ...first });
    await outbox.send({ to: 'piet@example.org', ...renderMail('account-closed', 'nl', branding) });

    const files = readdirSync(outboxDir);
    expect(files).toHaveLength(2); // no temp files left behind
    expect(files.every((f) => /^\d{8}T\d{9}Z-[0-9a-f]{16}\.eml$/.test(f))).toBe(true);
    const [firstFile, secondFile] = [...files].sort();
    expect(firstFile!.startsWith('20260314T100001000Z-')).toBe(true);
    expect(secondFile!.startsWith('20260314T100002000Z-')).toBe(true);
    expect(statSync(path.join(outboxDir, firstFile!)).mode & 0o777).toBe(0o600);

    const raw = readFileSync(path.join(outboxDir, firstFile!));
    expect(raw.toString('latin1')).toMatch(/\r\n\r\n/); // RFC 5322 line endings
    const parsed = parseMail(raw);
    expect(parsed.from).toBe(FROM);
    expect(parsed.to).toBe('jan@example.nl');
    expect(parsed.subject).toBe('Your data export is ready');
    expect(parsed.headers['message-id']).toBe(sentFirst.messageId);
    expect(new Date(parsed.headers.date!).toISOString()).toBe('2026-03-14T10:00:01.000Z');
    expect(parsed.headers['mime-version']).toBe('1.0');
    expect(parsed.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(parsed.text).toBe(first.text);
    expect(parsed.html.trim()).toBe(first.html.trim());
    expect(linkIn(parsed, '/portal/downloads/')).toBe('https://portal.example/portal/downloads/SECRET-export');
  });

  it('refuses mail once closed and writes nothing', async () => {
    const { mailer: outbox, outboxDir } = mailer({ smtpUrl: null });
    await outbox.close();
    await expect(outbox.send({ to: 'a@b.example', subject: 's', text: 't', html: 't' })).rejects.toThrow(/closed/);
    expect(readdirSync(outboxDir)).toEqual([]);
  });

  it('says which outbox it could not write to', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'portal-outbox-parent-'));
    tmpDirs.push(parent);
    const notADir = path.join(parent, 'outbox');
    writeFileSync(notADir, 'a file where the folder should be');
    const { mailer: outbox } = mailer({ smtpUrl: null, outboxDir: notADir });
    await expect(outbox.send({ to: 'a@b.example', subject: 's', text: 't', html: 't' })).rejects.toThrow(
      `Mail could not be delivered to the outbox ${notADir}: `,
    );
  });

  it('creates the outbox folder when it does not exist yet', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'portal-outbox-parent-'));
    tmpDirs.push(parent);
    const { mailer: outbox } = mailer({ smtpUrl: null, outboxDir: path.join(parent, 'outbox') });
    await outbox.send({ to: 'a@b.example', subject: 'Hallo', text: 'tekst', html: '<p>tekst</p>' });
    expect(readdirSync(path.join(parent, 'outbox'))).toHaveLength(1);
  });
});

describe('address helpers', () => {
  it('derives the sender from PUBLIC_URL, falling back to localhost for IPs and bare hosts', () => {
    expect(fromAddressFor('https://portaal.gemeente.example/base')).toBe('Klantportaal <no-reply@portaal.gemeente.example>');
    expect(fromAddressFor('http://127.0.0.1:4000')).toBe('Klantportaal <no-reply@localhost>');
    expect(fromAddressFor('http://[::1]:4000')).toBe('Klantportaal <no-reply@localhost>');
    expect(fromAddressFor('http://localhost:4000', 'Portaal')).toBe('Portaal <no-reply@localhost>');
    expect(fromAddressFor('http://gateway:4000')).toBe('Klantportaal <no-reply@localhost>');
    expect(fromAddressFor('https://123inkt.example')).toBe('Klantportaal <no-reply@123inkt.example>');
    expect(fromAddressFor('https://portaal.gemeente.example', 'Portaal', 'portaal@gemeente.example')).toBe(
      'Portaal <portaal@gemeente.example>',
    );
  });

  it('reduces a recipient to its domain for logging', () => {
    expect(domainOf('Jan@Example.NL')).toBe('example.nl');
    expect(domainOf('"Jan" <jan@example.nl>')).toBe('example.nl');
    expect(domainOf('nonsense')).toBe('unknown');
    expect(domainOf('"jan@work" <jan@example.nl>')).toBe('example.nl');
    expect(domainOf('jan@example.nl ')).toBe('example.nl');
  });
});
