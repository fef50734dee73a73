import { renderTestAccess } from '../access/render.ts';
import {
  annotateProfile,
  appContextFrom,
  discoverProfiles,
  getDiagnostics,
  getOverview,
  listProfiles,
  listResources,
  refreshEstate,
  setProfilesEnabled,
  testProfileAccess,
  type AppContext,
} from '../app/index.ts';
import { readProfileCatalog } from '../profiles/catalog.ts';
import { locateProfileFiles } from '../profiles/file-locations.ts';
import type { DashboardBackend } from './backend.ts';
import { estateCharts } from './charts.ts';

export interface BackendOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  readonly escherHome: string;
  readonly now?: () => Date;
}

/** The dashboard's routes, forwarded to the same app layer the CLI commands call. */
export function appBackend(options: BackendOptions): DashboardBackend {
  const app: AppContext = appContextFrom({
    homeOption: options.escherHome,
    env: options.env,
    homeDir: options.homeDir,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    now: () => app.now(),
    listProfiles: () => listProfiles(app),
    profileFiles() {
      // The same rules Discover Profiles reads the files by (AWS_CONFIG_FILE, HOME, ...).
      const files = locateProfileFiles({ env: app.env, homeDir: app.homeDir });
      return { config: files.configPath, credentials: files.credentialsPath };
    },
    // Read from the files, not the store: warnings about a file or a section that is no
    // profile are never stored, and would vanish from the screen after a reload.
    profileWarnings: async () =>
      (await readProfileCatalog({ env: app.env, homeDir: app.homeDir })).warnings,
    discoverProfiles: () => discoverProfiles(app),
    setProfilesEnabled: (names, enabled) => setProfilesEnabled(app, [...names], enabled),
    annotateProfile: (name, note) => annotateProfile(app, name, note),
    async testAccess(name) {
      const report = await testProfileAccess(app, name);
      return { report, text: renderTestAccess(name, report) };
    },
    refreshEstate: ({ onProgress, signal }) => refreshEstate(app, { onProgress, signal }),
    getOverview: () => getOverview(app),
    getCharts: () => estateCharts(app),
    getDiagnostics: (name) => getDiagnostics(app, name),
    listResources: (query) => listResources(app, query),
  };
}
