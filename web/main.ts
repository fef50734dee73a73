import { clear, h } from './dom.ts';
import { renderDiagnostics } from './screens/diagnostics.ts';
import { renderOverview } from './screens/overview.ts';
import { renderProfiles } from './screens/profiles.ts';
import { renderRefresh } from './screens/refresh.ts';
import { renderResources } from './screens/resources.ts';

interface Screen {
  readonly id: string;
  readonly title: string;
  readonly render: (root: HTMLElement, argument?: string) => Promise<void>;
}

/** The left nav's Estate section, in the order of the seed's flow. */
const SCREENS: readonly Screen[] = [
  { id: 'profiles', title: 'Profiles', render: renderProfiles },
  { id: 'overview', title: 'Overview', render: renderOverview },
  { id: 'diagnostics', title: 'Profile Diagnostics', render: renderDiagnostics },
  { id: 'resources', title: 'Resources', render: renderResources },
  { id: 'refresh', title: 'Refresh Estate', render: renderRefresh },
];

const main = h('main', { id: 'screen', tabindex: '-1' });
const links = SCREENS.map((screen) =>
  h('a', { href: `#/${screen.id}`, 'data-screen': screen.id }, screen.title),
);

document.body.append(
  h(
    'div',
    { class: 'layout' },
    h(
      'nav',
      { class: 'sidebar', 'aria-label': 'Main' },
      h('div', { class: 'brand' }, 'Escher'),
      h('div', { class: 'nav-section' }, 'Estate'),
      links,
      h('p', { class: 'nav-foot' }, 'Local only · read-only'),
    ),
    main,
  ),
);

async function route(): Promise<void> {
  const [id = 'profiles', argument] = location.hash.replace(/^#\/?/, '').split('/');
  const screen = SCREENS.find((candidate) => candidate.id === id) ?? SCREENS[0]!;
  for (const link of links) {
    link.classList.toggle('active', link.dataset.screen === screen.id);
  }
  const root = h('div', { class: 'screen', 'data-screen': screen.id });
  clear(main, root);
  try {
    await screen.render(root, argument === undefined ? undefined : decoded(argument));
    root.dataset.ready = 'true';
  } catch (error) {
    clear(
      root,
      h('h1', {}, screen.title),
      h('p', { class: 'message error' }, error instanceof Error ? error.message : String(error)),
    );
  }
}

window.addEventListener('hashchange', () => void route());
void route();

/** The address's argument as text; a malformed escape (`%E0%A4%A`) is kept as written. */
function decoded(argument: string): string {
  try {
    return decodeURIComponent(argument);
  } catch {
    return argument;
  }
}
