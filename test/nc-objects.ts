import type { NcObject } from '../nextcloud/types.js';

/**
 * An OpenRegister object as the connector hands it to the domain (normalised by
 * nextcloud/responses.ts): `data` holds the schema's properties, `self` overrides the metadata.
 */
export const ncObject = (data: Record<string, unknown>, self: Partial<NcObject['@self']> = {}): NcObject =>
  ({
    id: 'u-1',
    '@self': {
      id: 'u-1',
      name: null,
      slug: null,
      register: '5',
      schema: '24',
      owner: null,
      organisation: null,
      created: '2026-01-02T10:00:00+01:00',
      updated: null,
      files: [],
      ...self,
    },
    ...data,
  }) as NcObject;
