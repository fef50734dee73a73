import { getJson, postJson } from '../api.ts';
import { clear, formatTime, h, statusClass } from '../dom.ts';
import { warningLine } from '../../src/render/warning-line.ts';
import type { DiscoverResult, ProfileView, ProfileWarning, TestAccessAnswer } from '../types.ts';

const CREDENTIAL_WORDS: Record<string, string> = {
  'static-keys': 'static keys',
  'assume-role': 'assume role',
  sso: 'SSO',
  'credential-process': 'credential process',
  'web-identity': 'web identity',
  none: 'none',
};

/** Estate → Profiles: the seed's Step 4, done by clicking. */
export async function renderProfiles(root: HTMLElement): Promise<void> {
  const message = h('p', { class: 'message', role: 'status', 'data-testid': 'profiles-message' });
  const tableHost = h('div', { class: 'table-host' });
  const testOutput = h('section', { class: 'test-access', 'data-testid': 'test-access' });

  const files = h('span', { 'data-testid': 'profile-files' });
  // What the AWS CLI or the SDKs would read differently, with file and line, as the CLI prints.
  const warnings = h('ul', { class: 'warnings mono', 'data-testid': 'profile-warnings' });
  const reload = async (): Promise<void> => {
    const profiles = await getJson<ProfileView[]>('/api/profiles');
    clear(tableHost, profileTable(profiles, { reload, show, testOutput }));
  };
  const show = (text: string, isError = false): void => {
    message.textContent = text;
    message.classList.toggle('error', isError);
  };

  const discover = h(
    'button',
    {
      class: 'primary',
      type: 'button',
      onclick: (event) => {
        void act(show, event, async () => {
          const result = await postJson<DiscoverResult>('/api/profiles/discover');
          show(discoverSummary(result));
          clear(warnings, ...result.warnings.map((warning) => h('li', {}, warningLine(warning))));
          await reload();
        });
      },
    },
    'Discover Profiles',
  );

  clear(
    root,
    h('header', { class: 'screen-head' }, h('h1', {}, 'Profiles'), discover),
    h(
      'p',
      { class: 'muted' },
      files,
      'Escher keeps no credential: it reads them through the AWS SDK when it calls AWS.',
    ),
    message,
    warnings,
    tableHost,
    testOutput,
  );
  const paths = await getJson<{ config: string; credentials: string }>('/api/profile-files');
  files.textContent = `Profiles come from your AWS CLI files: ${paths.config} and ${paths.credentials}. `;
  const current = await getJson<ProfileWarning[]>('/api/profile-warnings');
  clear(warnings, ...current.map((warning) => h('li', {}, warningLine(warning))));
  await reload();
}

interface RowTools {
  readonly reload: () => Promise<void>;
  readonly show: (text: string, isError?: boolean) => void;
  readonly testOutput: HTMLElement;
}

function profileTable(profiles: readonly ProfileView[], tools: RowTools): HTMLElement {
  if (profiles.length === 0) {
    return h('p', { class: 'empty' }, 'No profiles yet. Click Discover Profiles.');
  }
  const head = [
    'Name',
    'Lifecycle',
    'Access',
    'Account',
    'Region',
    'Credentials',
    'Note',
    'Last refreshed',
    // One column, kept in view at the right edge however wide the rest is.
    'Enabled · actions',
  ];
  return h(
    'table',
    { class: 'grid', 'data-testid': 'profiles-table' },
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
      profiles.map((profile) => profileRow(profile, tools)),
    ),
  );
}

function profileRow(profile: ProfileView, tools: RowTools): HTMLElement {
  // A Missing profile shows the state it comes back as: it may still be switched off, not on.
  const missing = profile.lifecycle === 'Missing';
  const enabled =
    profile.lifecycle === 'Enabled' ||
    profile.lifecycle === 'Active' ||
    (missing && profile.returnsAs === 'Enabled');
  const noteCell = h('td', { class: 'note' }, profile.note ?? '');
  const toggle = h('input', {
    type: 'checkbox',
    role: 'switch',
    'aria-label': `Enable ${profile.name}`,
    checked: enabled,
    disabled: profile.lifecycle === 'Active' || (missing && !enabled),
    onchange: (event) => {
      const on = (event.target as HTMLInputElement).checked;
      void act(tools.show, undefined, async () => {
        await postJson(`/api/profiles/${on ? 'enable' : 'disable'}`, { names: [profile.name] });
        tools.show(
          missing
            ? `${profile.name} is Missing; it comes back Disabled when its section returns.`
            : `${profile.name} ${on ? 'enabled' : 'disabled'}.`,
        );
        await tools.reload();
      });
    },
  });

  const testButton = h(
    'button',
    {
      type: 'button',
      // A section that is gone has nothing to test.
      disabled: profile.lifecycle === 'Missing',
      onclick: (event) => {
        tools.show(`Testing access for ${profile.name}…`);
        void act(tools.show, event, async () => {
          const answer = await postJson<TestAccessAnswer>('/api/profiles/test', {
            name: profile.name,
          });
          clear(
            tools.testOutput,
            h('h2', {}, `Test Access: ${profile.name}`),
            h('pre', { class: 'block', 'data-profile': profile.name }, answer.text),
          );
          const status = (answer.report as { status?: string }).status;
          if (status === 'CONNECTED') tools.show(`Tested ${profile.name}: connected.`);
          else tools.show(`Tested ${profile.name}: it could not sign in (see below).`, true);
          await tools.reload();
        });
      },
    },
    'Test Access',
  );

  const annotateButton = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        editNote(profile, noteCell, tools);
      },
    },
    'Annotate',
  );

  return h(
    'tr',
    { 'data-profile': profile.name },
    h('td', { class: 'name' }, profile.name),
    h('td', {}, h('span', { class: statusClass(profile.lifecycle) }, profile.lifecycle)),
    h('td', {}, h('span', { class: statusClass(profile.accessStatus) }, profile.accessStatus)),
    h('td', {}, profile.accountId ?? '—'),
    h('td', {}, profile.region ?? '—'),
    h('td', {}, CREDENTIAL_WORDS[profile.credentialKind] ?? profile.credentialKind),
    noteCell,
    h('td', { class: 'time' }, formatTime(profile.lastRefreshed)),
    h(
      'td',
      { class: 'actions' },
      h('label', { class: 'switch' }, toggle, h('span', { class: 'slider' })),
      testButton,
      annotateButton,
    ),
  );
}

function editNote(profile: ProfileView, cell: HTMLElement, tools: RowTools): void {
  const input = h('input', {
    type: 'text',
    value: profile.note ?? '',
    'aria-label': `Note for ${profile.name}`,
    maxlength: '200',
    placeholder: 'e.g. prod read-only',
  });
  const save = (event?: Event): void => {
    void act(tools.show, event, async () => {
      await postJson('/api/profiles/annotate', { name: profile.name, note: input.value });
      tools.show(`Note saved for ${profile.name}.`);
      await tools.reload();
    });
  };
  const cancel = (): void => {
    clear(cell, profile.note ?? '');
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') save();
    if (event.key === 'Escape') cancel();
  });
  clear(
    cell,
    input,
    h('button', { type: 'button', onclick: save }, 'Save'),
    h('button', { type: 'button', onclick: cancel }, 'Cancel'),
  );
  input.focus();
}

function discoverSummary(result: DiscoverResult): string {
  const parts = [
    `${result.added.length} added`,
    `${result.unchanged.length} unchanged`,
    `${result.missing.length} missing`,
  ];
  const warnings = result.warnings.length;
  const said = warnings === 0 ? '' : `; ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
  return `Discovered profiles: ${parts.join(', ')}${said}.`;
}

/**
 * Runs a button's work, showing a failure as an error message. The button that started it is
 * disabled until the work ends, so a double click sends one request, not two.
 */
export async function act(
  show: (text: string, isError?: boolean) => void,
  event: Event | undefined,
  work: () => Promise<void>,
): Promise<void> {
  const button = event?.currentTarget instanceof HTMLButtonElement ? event.currentTarget : null;
  if (button?.disabled) return;
  if (button) button.disabled = true;
  try {
    await work();
  } catch (error) {
    show(error instanceof Error ? error.message : String(error), true);
  } finally {
    // The table may have been redrawn; the old button then no longer matters.
    if (button) button.disabled = false;
  }
}
