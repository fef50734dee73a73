import { InvalidArgumentError, Option, type Command } from 'commander';
import { VERTICALS, type Vertical } from '../../core/domains.ts';
import { buildPolicyDocument } from '../../policy/build-policy.ts';
import { explainPolicy, renderExplanation } from '../../policy/explain-policy.ts';

interface PolicyOptions {
  readonly vertical: Vertical[];
  readonly explain?: boolean;
}

export function registerPolicyCommand(program: Command): void {
  program
    .command('policy')
    .description('Print the least-privilege IAM policy Escher needs (JSON for create-policy)')
    .addOption(
      new Option(
        '--vertical <name>',
        'narrow to a vertical: inventory, finops, iam, security or operations (repeatable)',
      )
        .argParser(collectVertical)
        .default([], 'every vertical'),
    )
    .option('--json', 'print the policy document as JSON (the default)')
    .addOption(
      new Option(
        '--explain',
        'list each action and why Escher calls it, instead of JSON',
      ).conflicts('json'),
    )
    .action((options: PolicyOptions) => {
      if (options.explain) {
        process.stdout.write(renderExplanation(explainPolicy(options.vertical)));
        return;
      }
      process.stdout.write(`${JSON.stringify(buildPolicyDocument(options.vertical), null, 2)}\n`);
    });
}

function collectVertical(value: string, previous: Vertical[]): Vertical[] {
  const vertical = VERTICALS.find((known) => known === value);
  if (!vertical) {
    throw new InvalidArgumentError(`unknown vertical; use one of ${VERTICALS.join(', ')}.`);
  }
  return [...previous, vertical];
}
