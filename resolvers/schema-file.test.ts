import { describe, expect, it } from 'vitest';
import { schemaFileIsCurrent } from './schema-file.js';

describe('the committed schema.graphql', () => {
  it('matches the type-graphql sources (run `npm run schema:emit` after changing types)', async () => {
    expect(await schemaFileIsCurrent()).toBe(true);
  });
});
