/**
 * What the dashboard asks of the app layer (src/app). The routes depend on this seam rather
 * than on src/app directly, so the HTTP rules can be read and tested on their own; in the
 * product it is always `appBackend` (app-backend.ts), which forwards to src/app.
 */

import type { ResourceQuery } from '../app/views.ts';

export type { ResourceQuery };

export interface TestAccessAnswer {
  /** The structured report, as `escher profiles test --json` prints it. */
  readonly report: unknown;
  /** The seed's Step 4 block, exactly as the CLI prints it. */
  readonly text: string;
}

export interface DashboardBackend {
  now(): Date;
  listProfiles(): unknown;
  /** The AWS config and credentials files this dashboard reads profiles from. */
  profileFiles(): { readonly config: string; readonly credentials: string };
  /** What the AWS CLI or the SDKs would read differently in the files as they are now. */
  profileWarnings(): Promise<unknown>;
  discoverProfiles(): Promise<unknown>;
  setProfilesEnabled(names: readonly string[], enabled: boolean): unknown;
  annotateProfile(name: string, note: string): unknown;
  testAccess(name: string): Promise<TestAccessAnswer>;
  refreshEstate(options: {
    onProgress: (event: unknown) => void;
    signal: AbortSignal;
  }): Promise<unknown>;
  getOverview(): unknown;
  /** Resource counts by domain and region, and the types present, of the current version. */
  getCharts(): unknown;
  getDiagnostics(name: string): unknown;
  listResources(query: ResourceQuery): unknown;
}
