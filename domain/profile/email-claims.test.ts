import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { uniqueEmail, useAccountTestKit } from '../accounts/account.test-support.js';
import { EmailClaims } from './email-claims.js';

/**
 * The claim protocol of an address move against the real database: exactly one account holds an
 * address, a claim is released only by its holder, and the account is repointed only from the
 * address it still has.
 */
const kit = useAccountTestKit(useTestDatabase());
const claims = () => new EmailClaims(kit().services.accounts.repository);
const at = new Date('2026-05-01T10:00:00Z');

describe('email claims', () => {
  it("tells a free address from a held one, whoever's it is", async () => {
    const account = await kit().createAccount();
    const fresh = uniqueEmail('free');
    expect(await claims().isFree('demo', fresh)).toBe(true);
    expect(await claims().isFree('demo', account.email)).toBe(false);
    await claims().claim('demo', fresh, account.id, at);
    expect(await claims().isFree('demo', fresh)).toBe(false);
  });

  it("claims a free address once: again by the same account is 'already-ours', by another 'taken'", async () => {
    // The other account exists first, so its claim is not the only one a sloppy lookup could find.
    const theirs = await kit().createAccount();
    const mine = await kit().createAccount();
    const address = uniqueEmail('move');
    expect(await claims().claim('demo', address, mine.id, at)).toBe('claimed');
    expect(await claims().claim('demo', address, mine.id, at)).toBe('already-ours');
    expect(await claims().claim('demo', address, theirs.id, at)).toBe('taken');
  });

  it('releases a claim only for its holder', async () => {
    const mine = await kit().createAccount();
    const theirs = await kit().createAccount();
    const address = uniqueEmail('release');
    await claims().claim('demo', address, mine.id, at);
    await claims().release('demo', address, theirs.id);
    expect(await claims().isFree('demo', address)).toBe(false);
    await claims().release('demo', address, mine.id);
    expect(await claims().isFree('demo', address)).toBe(true);
  });

  it('repoints an account only from the address it still has', async () => {
    const account = await kit().createAccount();
    const next = uniqueEmail('next');
    expect(await claims().pointAccount(account.id, 'demo', 'someone.else@example.test', next)).toBe(false);
    expect(await claims().pointAccount(account.id, 'demo', account.email, next)).toBe(true);
    expect(await claims().pointAccount(account.id, 'demo', account.email, uniqueEmail('late'))).toBe(false);
    const stored = await kit().services.accounts.repository.accounts.findById(account.id).lean<{ email: string }>();
    expect(stored?.email).toBe(next);
  });
});
