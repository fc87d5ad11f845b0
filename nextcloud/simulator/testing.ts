import { DEMO } from './demo-data.js';
import { formatC } from './dates.js';
import { uuidFor } from './ids.js';
import type { InstanceSeed, SimObject } from './types.js';

/** Helpers shared by the simulator's own tests (not used by product code). */

export const basic = (login: string, password: string) => `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
export const AS_SERVICE = { authorization: basic(DEMO.users.service.login, DEMO.users.service.appPassword) };
export const AS_ADMIN = { authorization: basic(DEMO.users.admin.login, DEMO.users.admin.appPassword) };
export const AS_OUTSIDER = { authorization: basic('outsider', 'demo-outsider-app-password') };
export const WRONG_PASSWORD = { authorization: basic(DEMO.users.service.login, 'not-the-password') };

/** Response bodies in tests are probed field by field; typing each shape would only restate the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Loose; headers: Headers }> {
  const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

export const TINY_TOTAL = 45;

/**
 * A small instance whose numbers are easy to reason about: 45 `item` objects in register `shop`
 * (id 3), schema `item` (id 9), item n having amount n*10, tags by n % 3, a due date per n.
 */
export function tinySeed(): InstanceSeed {
  const org = uuidFor('tiny:org');
  const stamp = (n: number) => formatC(Date.UTC(2026, 0, 1, 12) + n * 3_600_000);
  const objects: SimObject[] = Array.from({ length: TINY_TOTAL }, (_, i) => {
    const n = i + 1;
    const tags = [['red'], ['green', 'blue'], []][n % 3]!;
    return {
      id: n,
      uuid: uuidFor(`tiny:item:${n}`),
      slug: `item-${n}`,
      register: 3,
      schema: 9,
      owner: n % 5 === 0 ? 'bob' : 'alice',
      organisation: org,
      application: null,
      version: '1.0.0',
      created: stamp(n),
      updated: stamp(n),
      deleted: null,
      data: {
        title: `Item ${String(n).padStart(2, '0')}${n === 7 ? ' Gemeente Utrecht' : ''}`,
        amount: n * 10,
        tags,
        due: `2026-02-${String((n % 28) + 1).padStart(2, '0')}`,
        category: n % 2 === 0 ? 'even' : 'odd',
        active: n % 4 !== 0,
        ...(n % 9 === 0 ? {} : { note: n % 2 === 0 ? `note ${n}` : '' }),
      },
    };
  });
  const created = stamp(0);
  return {
    name: 'tiny',
    organisations: [{ uuid: org, name: 'Tiny' }],
    users: [
      {
        id: 'alice',
        displayName: 'Alice',
        email: 'alice@example.org',
        appPassword: 'alice-pw',
        groups: ['staff'],
        organisations: [org],
        lastLogin: 0,
      },
      {
        id: 'root',
        displayName: 'Root',
        email: 'root@example.org',
        appPassword: 'root-pw',
        groups: ['admin'],
        organisations: [org],
        lastLogin: 0,
      },
    ],
    registers: [
      {
        id: 3,
        uuid: uuidFor('tiny:register'),
        slug: 'shop',
        title: 'Shop',
        version: '1.0.0',
        description: '',
        schemas: [9],
        folder: 'Open Registers/Shop',
        owner: 'root',
        application: null,
        organisation: org,
        created,
        updated: created,
        published: null,
      },
    ],
    schemas: [
      {
        id: 9,
        uuid: uuidFor('tiny:schema'),
        slug: 'item',
        title: 'Item',
        description: '',
        version: '1.0.0',
        required: ['title'],
        authorization: null,
        created,
        updated: created,
        properties: {
          title: { type: 'string' },
          amount: { type: 'number' },
          tags: { type: 'array', items: { type: 'string' } },
          due: { type: 'string', format: 'date' },
          category: { type: 'string' },
          active: { type: 'boolean' },
          note: { type: 'string' },
        },
      },
    ],
    objects,
    files: [],
  };
}

export const ALICE = { authorization: basic('alice', 'alice-pw') };
export const ROOT = { authorization: basic('root', 'root-pw') };
