import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { renderMail } from './templates/index.js';

const vars = {
  tenantName: 'Klantportaal',
  resetUrl: 'https://portal.example/portal/reset-password?token=t-1',
  validForMinutes: 30,
};

describe('the gateway’s mailer', () => {
  let catcher: SmtpCatcher;
  let gateway: TestGateway;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    gateway = await startTestGateway({ SMTP_URL: catcher.url, PUBLIC_URL: 'https://portaal.gemeente.example' });
  });
  afterAll(async () => {
    await gateway?.close();
    await catcher?.close();
  });

  it('sends over SMTP_URL from an address on PUBLIC_URL’s host, and is closed with the gateway', async () => {
    expect(gateway.services.mailer.transport).toBe('smtp');
    await gateway.services.mailer.send({ to: 'jan@example.nl', ...renderMail('password-reset', 'nl', vars) });
    const mail = await catcher.waitFor((m) => m.to === 'jan@example.nl');
    expect(mail.from).toBe('Klantportaal <no-reply@portaal.gemeente.example>');
    expect(linkIn(mail, '/portal/reset-password')).toBe(vars.resetUrl);
  });
});

describe('the gateway’s mailer without SMTP_URL', () => {
  it('writes to DATA_DIR/outbox and refuses mail once the gateway is closed', async () => {
    const gateway = await startTestGateway();
    const mailer = gateway.services.mailer;
    try {
      expect(mailer.transport).toBe('outbox');
      await mailer.send({ to: 'jan@example.nl', ...renderMail('password-reset', 'en', vars) });
      expect(readdirSync(path.join(gateway.config.dataDir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    } finally {
      await gateway.close();
    }
    await expect(mailer.send({ to: 'jan@example.nl', subject: 's', text: 't', html: 't' })).rejects.toThrow(/closed/);
  });
});
