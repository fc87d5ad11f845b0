import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.js';
import { ALICE, getJson, ROOT, tinySeed, TINY_TOTAL, type Loose } from './testing.js';

// The list engine over real HTTP, on a 45-row instance whose numbers are easy to check (testing.ts).
let sim: Simulator;
let base: string;
const list = async (query: string, headers: Record<string, string> = ALICE) => (await getJson(`${base}?${query}`, headers)).body;
const titles = (body: Loose): string[] => body.results.map((r: Loose) => r.title.slice(0, 7));
const item = (n: number) => `Item ${String(n).padStart(2, '0')}`;
const items = (...ns: number[]) => ns.map(item);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  sim = await startSimulator({ seeds: [tinySeed()] });
  base = `${sim.instance('tiny').url}/index.php/apps/openregister/api/objects/shop/item`;
});
afterAll(() => sim.close());

describe('pagination arithmetic (§3.4)', () => {
  it('defaults to 20 rows, page 1, offset 0, in insertion order, with the response keys of §3.5a', async () => {
    const body = await list('');
    expect(Object.keys(body)).toEqual(['results', 'total', 'page', 'pages', 'limit', 'offset', 'facets', '@self']);
    expect(body).toMatchObject({ total: TINY_TOTAL, page: 1, pages: 3, limit: 20, offset: 0, facets: [] });
    expect(body['@self']).toMatchObject({ source: 'database', rbac: true, multi: true, deleted: false });
    expect(titles(body)).toEqual(items(...range(1, 20)));
  });

  it('computes offset from _page and clamps _page to 1', async () => {
    expect(await list('_page=3')).toMatchObject({ page: 3, offset: 40, pages: 3 });
    expect(titles(await list('_page=3'))).toEqual(items(...range(41, 45)));
    expect(await list('_page=0&_limit=10')).toMatchObject({ page: 1, offset: 0, pages: 5 });
    expect(await list('_page=-4&_limit=10')).toMatchObject({ page: 1, offset: 0 });
  });

  it('answers a page past the end with no rows and the real total', async () => {
    const body = await list('_page=4');
    expect(body.results).toEqual([]);
    expect(body).toMatchObject({ total: TINY_TOTAL, page: 4, pages: 3, offset: 60 });
  });

  it('_limit=0 counts only: no rows, the real total, pages 0', async () => {
    expect(await list('_limit=0')).toMatchObject({ results: [], total: TINY_TOTAL, pages: 0, limit: 0, page: 1, offset: 0 });
    expect(await list('_limit=-3')).toMatchObject({ results: [], limit: 0, pages: 0 });
  });

  it('has no cap on _limit', async () => {
    const body = await list('_limit=1000');
    expect(body.results).toHaveLength(TINY_TOTAL);
    expect(body).toMatchObject({ pages: 1, limit: 1000 });
  });

  it('echoes _offset as the string it received and derives the page from it', async () => {
    const body = await list('_offset=25&_limit=10');
    expect(body.offset).toBe('25');
    expect(body.page).toBe(3);
    expect(titles(body)).toEqual(items(...range(26, 35)));
  });

  it('lets _offset pick the rows when _page is sent too, echoing _page as sent', async () => {
    const body = await list('_page=2&_offset=5&_limit=10');
    expect(body).toMatchObject({ page: '2', offset: '5' });
    expect(titles(body)).toEqual(items(...range(6, 15)));
  });

  it('reports pages 1 for an empty result', async () => {
    expect(await list('category=none')).toMatchObject({ results: [], total: 0, pages: 1 });
  });
});

describe('filters (§3.2)', () => {
  const total = async (query: string) => (await list(`${query}&_limit=0`)).total as number;

  it('equality on strings, numbers and booleans', async () => {
    expect(await total('category=even')).toBe(22);
    expect(await total('amount=50')).toBe(1);
    expect(await total('active=false')).toBe(11);
    expect(await total('active=true')).toBe(34);
  });

  it('[] lists are IN, and so is [in][]', async () => {
    expect(titles(await list('amount[]=10&amount[]=30'))).toEqual(items(1, 3));
    expect(titles(await list('amount[in][]=20&amount[in][]=40'))).toEqual(items(2, 4));
  });

  it('range operators, alone and combined, on numbers and dates', async () => {
    expect(titles(await list('amount[gte]=100&amount[lt]=200'))).toEqual(items(...range(10, 19)));
    expect(await total('amount[gt]=400')).toBe(5);
    expect(await total('amount[lte]=30')).toBe(3);
    expect(titles(await list('due[gte]=2026-02-20'))).toEqual(items(...range(19, 27)));
  });

  it('IS NULL and IS NOT NULL literals', async () => {
    expect(titles(await list('note=IS NULL'))).toEqual(items(9, 18, 27, 36, 45));
    expect(await total('note=IS NOT NULL')).toBe(40);
  });

  it('array properties match when they contain any of the values', async () => {
    expect(await total('tags=green')).toBe(15);
    expect(await total('tags[]=red&tags[]=blue')).toBe(30);
  });

  it('metadata filters by bare name, @self.x and @self[x], equality and IN', async () => {
    expect(await total('owner=bob')).toBe(9);
    expect(await total('@self.owner=bob')).toBe(9);
    expect(await total('@self[owner]=bob')).toBe(9);
    const [first, second] = sim.instance('tiny').data.objects;
    expect(titles(await list(`uuid[]=${first!.uuid}&uuid[]=${second!.uuid}`))).toEqual(items(1, 2));
  });

  it('an unknown property gives zero rows and @self.ignoredFilters, without a hint', async () => {
    const body = await list('colour=red');
    expect(body).toMatchObject({ results: [], total: 0 });
    expect(body['@self'].ignoredFilters).toEqual(['colour']);
    expect(body['@self'].hint).toBeUndefined();
  });

  it('a bare control name is a property filter too, and gets a hint naming _limit', async () => {
    const body = await list('limit=10');
    expect(body).toMatchObject({ results: [], total: 0, limit: 20 });
    expect(body['@self'].ignoredFilters).toEqual(['limit']);
    expect(body['@self'].hint).toContain('_limit');
  });
});

describe('_search, _order, _ids, _extend, _empty', () => {
  it('_search is a case-insensitive substring over string properties and the name', async () => {
    expect(titles(await list('_search=GEMEENTE utrecht'))).toEqual(items(7));
    expect(titles(await list('_search=item 1'))).toEqual(items(...range(10, 19)));
    expect(titles(await list('_search=note 1&_limit=50'))).toEqual(items(10, 12, 14, 16));
  });

  it('_order in PHP-array form, case-insensitive, unknown directions ascending', async () => {
    expect(titles(await list('_order[amount]=desc&_limit=3'))).toEqual(items(45, 44, 43));
    expect(titles(await list('_order[amount]=DESC&_limit=3'))).toEqual(items(45, 44, 43));
    expect(titles(await list('_order[amount]=sideways&_limit=3'))).toEqual(items(1, 2, 3));
  });

  it('_order as a JSON string, as Conduction’s store sends it', async () => {
    expect(titles(await list(`_order=${encodeURIComponent('{"amount":"desc"}')}&_limit=2`))).toEqual(items(45, 44));
  });

  it('_order on metadata via @self.x or _x, on several keys, ignoring unknown keys', async () => {
    expect(titles(await list('_order[@self.created]=desc&_limit=2'))).toEqual(items(45, 44));
    expect(titles(await list('_order[_created]=desc&_limit=2'))).toEqual(items(45, 44));
    expect(titles(await list('_order[category]=asc&_order[amount]=desc&_limit=2'))).toEqual(items(44, 42));
    expect(titles(await list('_order[nope]=desc&_limit=2'))).toEqual(items(1, 2));
  });

  it('_ids as a comma string or a list, by uuid or slug, dropping unknown ids', async () => {
    const objects = sim.instance('tiny').data.objects;
    const comma = `_ids=${objects[2]!.uuid},item-5,00000000-0000-4000-8000-000000000000`;
    expect(await list(comma)).toMatchObject({ total: 2 });
    expect(titles(await list(comma))).toEqual(items(3, 5));
    expect(titles(await list(`_ids[]=${objects[0]!.uuid}&_ids[]=item-2`))).toEqual(items(1, 2));
  });

  it('_ids is still paginated by _limit', async () => {
    const ids = sim
      .instance('tiny')
      .data.objects.slice(0, 25)
      .map((o) => o.uuid)
      .join(',');
    const body = await list(`_ids=${ids}`);
    expect(body.results).toHaveLength(20);
    expect(body).toMatchObject({ total: 25, pages: 2 });
    expect((await list(`_ids=${ids}&_limit=25`)).results).toHaveLength(25);
  });

  it('_extend=_schemas,_registers adds the entities at the root, keyed by id', async () => {
    const self = (await list('_extend=_schemas,_registers&_limit=1'))['@self'];
    expect(self.schemas['9']).toMatchObject({ id: 9, slug: 'item' });
    expect(self.registers['3']).toMatchObject({ id: 3, slug: 'shop', schemas: [9] });
    expect(self.objects).toEqual({});
  });

  it('strips null, "" and empty lists unless _empty=true, keeping 0 and false', async () => {
    const stripped = (await list('_ids=item-9,item-1,item-4')).results as Loose[];
    const one = stripped.find((r) => r.title.startsWith('Item 01'));
    expect(one).not.toHaveProperty('note');
    expect(stripped.find((r) => r.title.startsWith('Item 04')).active).toBe(false);
    const kept = (await list('_ids=item-9,item-1&_empty=true')).results as Loose[];
    expect(kept.find((r) => r.title.startsWith('Item 09')).note).toBeNull();
    expect(kept.find((r) => r.title.startsWith('Item 01')).note).toBe('');
  });

  it('renders rows as §4.2: properties, then @self with numeric-id strings, then id', async () => {
    const row = (await list('_limit=1')).results[0];
    const keys = Object.keys(row);
    expect(keys.slice(-2)).toEqual(['@self', 'id']);
    expect(row.id).toBe(row['@self'].id);
    expect(row['@self']).toMatchObject({ register: '3', schema: '9', slug: 'item-1', name: 'Item 01', owner: 'alice' });
    expect(row['@self'].created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(row['@self']).not.toHaveProperty('files');
  });

  it('admins and members see the same organisation rows; the answer does not depend on caller order', async () => {
    expect((await list('_limit=0', ROOT)).total).toBe(TINY_TOTAL);
    expect((await list('_limit=0', {})).total).toBe(0);
  });
});
