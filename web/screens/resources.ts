import { getJson } from '../api.ts';
import { clear, h } from '../dom.ts';
import type { EstateCharts, ProfileView, ResourcePage } from '../types.ts';

const PAGE_SIZE = 50;

interface Filters {
  search: string;
  type: string;
  profile: string;
  offset: number;
}

/** Estate → Resources: the merged estate, searchable and paged, with who observed each. */
export async function renderResources(root: HTMLElement): Promise<void> {
  const filters: Filters = { search: '', type: '', profile: '', offset: 0 };
  const [profiles, charts, first] = await Promise.all([
    getJson<ProfileView[]>('/api/profiles'),
    getJson<EstateCharts>('/api/charts'),
    fetchPage(filters),
  ]);

  const typeSelect = h(
    'select',
    { 'aria-label': 'Type' },
    h('option', { value: '' }, 'All types'),
    charts.types.map((type) => h('option', { value: type }, type)),
  );
  const profileSelect = h(
    'select',
    { 'aria-label': 'Observed by' },
    h('option', { value: '' }, 'All profiles'),
    profiles.map((p) => h('option', { value: p.name }, p.name)),
  );
  const search = h('input', {
    type: 'search',
    placeholder: 'Search name, id, type, region',
    'aria-label': 'Search resources',
  });
  const results = h('div', { class: 'results' });

  const load = async (): Promise<void> => {
    clear(results, pageView(await fetchPage(filters), filters, load));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      filters.search = search.value.trim();
      filters.offset = 0;
      void load();
    }, 200);
  });
  typeSelect.addEventListener('change', () => {
    filters.type = typeSelect.value;
    filters.offset = 0;
    void load();
  });
  profileSelect.addEventListener('change', () => {
    filters.profile = profileSelect.value;
    filters.offset = 0;
    void load();
  });

  clear(
    root,
    h('header', { class: 'screen-head' }, h('h1', {}, 'Resources')),
    h('div', { class: 'filters' }, search, typeSelect, profileSelect),
    results,
  );
  clear(results, pageView(first, filters, load));
}

function fetchPage(filters: Filters): Promise<ResourcePage> {
  const query = new URLSearchParams({ offset: String(filters.offset), limit: String(PAGE_SIZE) });
  if (filters.search) query.set('search', filters.search);
  if (filters.type) query.set('type', filters.type);
  if (filters.profile) query.set('profile', filters.profile);
  return getJson<ResourcePage>(`/api/resources?${query.toString()}`);
}

function pageView(page: ResourcePage, filters: Filters, load: () => Promise<void>): HTMLElement {
  if (page.total === 0) return h('p', { class: 'empty' }, 'No resources match.');
  const last = Math.min(page.offset + page.items.length, page.total);
  const move = (offset: number): void => {
    filters.offset = offset;
    void load();
  };
  const pager = h(
    'div',
    { class: 'pager' },
    h(
      'button',
      {
        type: 'button',
        disabled: page.offset === 0,
        onclick: () => {
          move(page.offset - PAGE_SIZE);
        },
      },
      'Previous',
    ),
    h('span', { 'data-testid': 'resource-range' }, `${page.offset + 1}–${last} of ${page.total}`),
    h(
      'button',
      {
        type: 'button',
        disabled: last >= page.total,
        onclick: () => {
          move(page.offset + PAGE_SIZE);
        },
      },
      'Next',
    ),
  );
  const head = ['Name', 'Type', 'Region', 'Account', 'Id', 'Observed by'];
  return h(
    'div',
    {},
    pager,
    h(
      'table',
      { class: 'grid', 'data-testid': 'resources-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((title) => h('th', {}, title)),
        ),
      ),
      h(
        'tbody',
        {},
        page.items.map((item) =>
          h(
            'tr',
            {},
            h('td', {}, item.name),
            h('td', {}, item.type),
            h('td', {}, item.region),
            h('td', {}, item.account),
            h('td', { class: 'mono id' }, item.id),
            h('td', {}, item.observedBy.join(', ')),
          ),
        ),
      ),
    ),
  );
}
