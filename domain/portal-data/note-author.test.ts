import { describe, expect, it } from 'vitest';
import { accountOfNoteAuthor, displayNoteAuthor, portalNoteAuthor } from './note-author.js';

describe('the author the portal writes on reply notes', () => {
  const id = '3f2a9c1e-7b44-4d1a-9a0e-2b6c8d4e5f60';

  it('names the account, not the person, and reads back to the same account', () => {
    expect(portalNoteAuthor(id)).toBe(`Klant (portaalaccount ${id})`);
    expect(accountOfNoteAuthor(portalNoteAuthor(id))).toBe(id);
  });

  it('shows customers the neutral word; staff names and other text stay as written', () => {
    expect(displayNoteAuthor(portalNoteAuthor(id))).toBe('Klant');
    expect(displayNoteAuthor('Backoffice')).toBe('Backoffice');
    expect(displayNoteAuthor(undefined)).toBeNull();
    expect(accountOfNoteAuthor('Jan Jansen')).toBeNull();
    expect(accountOfNoteAuthor(`Klant (portaalaccount ${id}) extra`)).toBeNull();
    // A staff note that only quotes the portal's author is the staff member's, never the account's.
    expect(accountOfNoteAuthor(`Re: Klant (portaalaccount ${id})`)).toBeNull();
    expect(displayNoteAuthor(`Re: Klant (portaalaccount ${id})`)).toBe(`Re: Klant (portaalaccount ${id})`);
  });
});
