import type { Vertical } from '../core/domains.ts';
import { READ_OPERATIONS } from '../aws/operations.ts';
import { policyActions } from './build-policy.ts';
import { ACTIONS_BEYOND_SEED, SEED_POLICY_ACTIONS } from './seed-policy.ts';

/** One action of the policy with the calls that need it and how it relates to the seed. */
export interface ExplainedAction {
  readonly action: string;
  readonly operations: readonly string[];
  readonly purposes: readonly string[];
  /** Why the seed's list is not enough, for an action the seed lacks. */
  readonly beyondSeed?: string;
}

export function explainPolicy(verticals?: readonly Vertical[]): ExplainedAction[] {
  return policyActions(verticals).map((action) => {
    const uses = READ_OPERATIONS.filter((entry) => entry.action === action);
    const beyondSeed = coveredBySeed(action) ? undefined : ACTIONS_BEYOND_SEED[action];
    return {
      action,
      operations: uses.map((entry) => entry.operation),
      purposes: uses.map((entry) => entry.purpose),
      ...(beyondSeed === undefined ? {} : { beyondSeed }),
    };
  });
}

/** Whether an action is granted by the seed's list, wildcards included. */
export function coveredBySeed(action: string): boolean {
  return SEED_POLICY_ACTIONS.some((pattern) => actionMatches(pattern, action));
}

/** IAM's own matching: case-insensitive, `*` for any run of characters, `?` for one. */
export function actionMatches(pattern: string, action: string): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  const regex = new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return regex.test(action);
}

/** One line per action; the reason for an action beyond the seed wraps under it at 100. */
export function renderExplanation(explained: readonly ExplainedAction[]): string {
  const width = explained.reduce((widest, entry) => Math.max(widest, entry.action.length), 0);
  const indent = ' '.repeat(width + 2);
  const lines = explained.flatMap((entry) => {
    const head = `${entry.action.padEnd(width)}  ${entry.purposes.join('; ')}`;
    if (!entry.beyondSeed) return [head];
    return [
      head,
      ...wrap(
        `(beyond the AWS Connection guide's policy: ${entry.beyondSeed})`,
        100 - indent.length,
      ).map((line) => indent + line),
    ];
  });
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}
