import { SMTPServer } from 'smtp-server';
import { MailDeliveryService } from '../src/platform/mail/mail-delivery.service';
import { findFreePort } from '../src/platform/database/embedded-postgres';
import { createTestApp, TestApp } from './support/test-app';

interface Received {
  to: string[];
  text: string;
}

/** The outbox goes out over real SMTP (a local smtp-server), once, with absolute links; failures back off. */
describe('mail delivery', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  const received: Received[] = [];
  let refuse = false;

  beforeAll(async () => {
    const port = await findFreePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(refuse ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }) : undefined);
      },
      onData(stream, session, callback) {
        let text = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (text += chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
          callback();
        });
      },
    });
    await new Promise<void>((done) => smtp.listen(port, '127.0.0.1', done));
    // A long poll interval: the test drives delivery itself, so nothing races it.
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'CRM <crm@lianxi.test>', PUBLIC_URL: 'https://crm.example.com', MAIL_POLL_MS: '3600000' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((done) => smtp.close(done));
  });

  const deliver = () => t.app.get(MailDeliveryService).deliverDue();
  const createUser = async (email: string) => {
    const admin = (await t.login('admin@lianxi.test')).accessToken;
    const [team] = await t.sql<{ id: string }>(`select id from teams where code = 'E1'`);
    await t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send({ email, name: '新同事', nameEn: 'New Colleague', roles: ['sales_rep'], teamId: team.id }).expect(201);
  };

  it('sends the activation mail once, with an absolute link to the public address', async () => {
    await createUser('new.colleague@lianxi.test');
    expect(await deliver()).toBeGreaterThanOrEqual(1);
    expect(await deliver()).toBe(0);
    const mails = received.filter((mail) => mail.to.includes('new.colleague@lianxi.test'));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('https://crm.example.com/reset-password#token=');
    expect(mails[0].text).toMatch(/From: CRM <crm@lianxi\.test>/);
    const [row] = await t.sql<{ sent_at: Date | null; attempts: number }>(`select sent_at, attempts from mail_outbox where recipient = 'new.colleague@lianxi.test'`);
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(0);
  });

  it('keeps a refused mail with its error and tries again later, with back-off', async () => {
    refuse = true;
    await createUser('bounced@lianxi.test');
    await deliver();
    refuse = false;
    const [failed] = await t.sql<{ sent_at: Date | null; attempts: number; last_error: string; due_in: number }>(
      `select sent_at, attempts, last_error, extract(epoch from next_attempt_at - now()) as due_in from mail_outbox where recipient = 'bounced@lianxi.test'`,
    );
    expect(failed).toMatchObject({ sent_at: null, attempts: 1 });
    expect(failed.last_error).toMatch(/mailbox unavailable|550/);
    expect(Number(failed.due_in)).toBeGreaterThan(30);
    // Not due yet: nothing is sent; once due, it goes out.
    await deliver();
    expect(received.filter((mail) => mail.to.includes('bounced@lianxi.test'))).toHaveLength(0);
    await t.sql(`update mail_outbox set next_attempt_at = now() - interval '1 second' where recipient = 'bounced@lianxi.test'`);
    await deliver();
    expect(received.filter((mail) => mail.to.includes('bounced@lianxi.test'))).toHaveLength(1);
  });
});
