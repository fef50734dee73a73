import type { InitializeMiddleware, Pluggable } from '@smithy/types';
import type { ServiceId } from '../core/services.ts';
import { findOperation } from './operations.ts';

/**
 * Thrown, before anything is signed or sent, when code asks a client for a command that is not
 * in the table of read operations. It is a bug in Escher, never a user mistake.
 */
export class ReadOnlyViolationError extends Error {
  readonly service: ServiceId;
  readonly operation: string;

  constructor(service: ServiceId, operation: string) {
    super(
      `Refused ${service}:${operation}: it is not in Escher's table of read operations, ` +
        'so it is never sent',
    );
    this.name = 'ReadOnlyViolationError';
    this.service = service;
    this.operation = operation;
  }
}

/** `DescribeInstancesCommand` → `DescribeInstances`. */
export function operationOfCommand(commandName: string | undefined): string {
  return (commandName ?? '').replace(/Command$/, '');
}

const GUARD_OPTIONS = {
  step: 'initialize',
  // Ahead of every other middleware, so a refused command is never built, signed or sent.
  priority: 'high',
  name: 'escherReadOnlyGuard',
  override: true,
} as const;

function guardMiddleware(service: ServiceId): InitializeMiddleware<object, object> {
  return (next, context) => (args) => {
    const operation = operationOfCommand(context.commandName);
    if (!findOperation(service, operation)) {
      return Promise.reject(new ReadOnlyViolationError(service, operation));
    }
    return next(args);
  };
}

/** The guard as a plugin: `client.middlewareStack.use(readOnlyGuard('ec2'))`. */
export function readOnlyGuard(service: ServiceId): Pluggable<object, object> {
  return {
    applyToStack(stack) {
      stack.add(guardMiddleware(service), GUARD_OPTIONS);
    },
  };
}
