/**
 * The shapes the page reads from the API: the app layer's views and the dashboard's own.
 * Type-only imports: esbuild drops them, so no server code reaches the bundle.
 */
export type {
  DiagnosticsView,
  DiscoverResult,
  DomainLine,
  OverviewProfile,
  OverviewView,
  ProfileView,
  ResourcePage,
} from '../src/app/views.ts';
export type { RefreshProgress, RefreshResult } from '../src/app/refresh.ts';
export type { EstateCharts } from '../src/ui/charts.ts';
export type { TestAccessAnswer } from '../src/ui/backend.ts';
export type { RefreshState } from '../src/ui/refresh-job.ts';
export type { ProfileWarning } from '../src/profiles/types.ts';
