import type { InitializeMiddleware, Pluggable } from '@smithy/types';
import type { ServiceId } from '../core/services.ts';
import { findOperation } from './operations.ts';
import { operationOfCommand } from './read-only-guard.ts';

export const NOT_AN_AWS_ANSWER = 'NotAnAwsAnswer';

/**
 * A successful HTTP answer that no AWS service sends for the call: an HTML page, an empty body,
 * a document without the member the service always includes. Read as an empty list, it would
 * pass for an empty estate; as this error, the call fails and its domain says so.
 */
export class NotAnAwsAnswerError extends Error {
  readonly $metadata: { readonly httpStatusCode?: number };
  readonly $fault = 'server';

  constructor(operation: string, member: string, httpStatusCode: number | undefined) {
    super(
      `the answer to ${operation} is not an AWS answer: it has no ${member}, which AWS always ` +
        'sends (a proxy, a captive portal or another server may be answering instead)',
    );
    this.name = NOT_AN_AWS_ANSWER;
    this.$metadata = httpStatusCode === undefined ? {} : { httpStatusCode };
  }
}

function answerCheck(service: ServiceId): InitializeMiddleware<object, object> {
  return (next, context) => async (args) => {
    const result = await next(args);
    const operation = operationOfCommand(context.commandName);
    const member = findOperation(service, operation)?.answerHolds;
    const output = result.output as Record<string, unknown> & {
      $metadata?: { httpStatusCode?: number };
    };
    if (member !== undefined && output[member] === undefined) {
      throw new NotAnAwsAnswerError(operation, member, output.$metadata?.httpStatusCode);
    }
    return result;
  };
}

/** The check as a plugin: `client.middlewareStack.use(answerChecked('s3'))`. */
export function answerChecked(service: ServiceId): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(answerCheck(service), {
        step: 'initialize',
        priority: 'low',
        name: 'escherAnswerCheck',
        override: true,
      });
    },
  };
}
