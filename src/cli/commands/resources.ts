import type { Command } from 'commander';
import { listResources } from '../../app/index.ts';
import { CliError, EXIT_USAGE } from '../cli-error.ts';
import { CSV_HEADER, csvRow, renderResourceTable } from '../../render/resources.ts';
import { plural } from '../../scan/domain-tally.ts';
import { versionHeader } from '../../render/overview.ts';
import { RESOURCE_TYPES } from '../../scan/resource-types.ts';
import type { StoredResource } from '../../store/index.ts';
import { existingAppFor, printText } from './profiles/shared.ts';

interface ResourcesOptions {
  readonly type?: string;
  readonly profile?: string;
  readonly search?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
}

/** Read in pages so a large estate never sits in memory whole. */
const PAGE = 1000;

export function registerResourcesCommand(program: Command): void {
  program
    .command('resources')
    .description('List the resources of the current EstateView')
    .option('--type <type>', `only this type: ${RESOURCE_TYPES.join(', ')}`)
    .option('--profile <name>', 'only resources this profile observed')
    .option('--search <text>', 'only resources whose id, name, type or region contains this text')
    .option('--json', 'print a JSON array of resources')
    .option('--csv', 'print CSV')
    .action((options: ResourcesOptions, command: Command) => {
      if (options.json && options.csv) {
        throw new CliError('choose one of --json and --csv', EXIT_USAGE);
      }
      const { type } = options;
      // An unknown type would match nothing and read as an empty estate: refuse it.
      if (type !== undefined && !(RESOURCE_TYPES as readonly string[]).includes(type)) {
        throw new CliError(
          `unknown resource type "${type}" (--type): use one of ${RESOURCE_TYPES.join(', ')}`,
          EXIT_USAGE,
        );
      }
      const app = existingAppFor(command);
      const query = {
        ...(options.type !== undefined ? { type: options.type } : {}),
        ...(options.profile !== undefined ? { profile: options.profile } : {}),
        ...(options.search !== undefined ? { search: options.search } : {}),
      };
      const first = listResources(app, { ...query, limit: PAGE });
      if (options.csv) printText(CSV_HEADER);
      if (!first.version) {
        if (options.json) printText('[]');
        else if (!options.csv) printText('No EstateView yet: run `escher scan`.');
        return;
      }
      if (!options.json && !options.csv) {
        printText(`${versionHeader(first.version)}\n${plural(first.total, 'resource')}\n`);
      }
      // A JSON array written page by page: valid JSON without holding every resource.
      if (options.json) process.stdout.write('[');
      let page = first;
      for (;;) {
        emit(page.items, options, page.offset === 0);
        const offset = page.offset + page.items.length;
        if (page.items.length === 0 || offset >= page.total) break;
        page = listResources(app, { ...query, offset, limit: PAGE });
      }
      if (options.json) process.stdout.write(']\n');
    });
}

function emit(items: readonly StoredResource[], options: ResourcesOptions, first: boolean): void {
  if (items.length === 0) return;
  if (options.json) {
    const body = items.map((item) => `\n  ${JSON.stringify(item)}`).join(',');
    process.stdout.write(first ? body : `,${body}`);
  } else if (options.csv) printText(items.map(csvRow).join('\n'));
  else printText(renderResourceTable(items));
}
