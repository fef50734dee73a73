import type { ProfileContext } from '../../../src/aws/profile-context.ts';
import type { ScanSink } from '../../../src/scan/scan-types.ts';
import type { DomainCoverage, FailedCall, ResourceRecord } from '../../../src/scan/types.ts';

/** Keeps what a scan streamed, so a test can read it back. */
export class MemorySink implements ScanSink {
  readonly resources: ResourceRecord[] = [];
  readonly failures: FailedCall[] = [];
  readonly coverages: DomainCoverage[] = [];

  resource(record: ResourceRecord): void {
    this.resources.push(record);
  }

  failure(call: FailedCall): void {
    this.failures.push(call);
  }

  coverage(coverage: DomainCoverage): void {
    this.coverages.push(coverage);
  }

  ofType(type: string): ResourceRecord[] {
    return this.resources.filter((record) => record.type === type);
  }

  named(type: string, name: string): ResourceRecord {
    const found = this.ofType(type).find((record) => record.name === name);
    if (!found) throw new Error(`no ${type} named ${name} was streamed`);
    return found;
  }
}

/** A profile pointing every service at one endpoint, with the given keys. */
export function contextFor(
  endpoint: string,
  keys: { accessKeyId: string; secretAccessKey: string },
  overrides: Partial<Pick<ProfileContext, 'profile' | 'region'>> = {},
): ProfileContext {
  return {
    profile: overrides.profile ?? 'scan-test',
    region: overrides.region ?? 'us-east-1',
    credentials: () => Promise.resolve(keys),
    endpointFor: () => endpoint,
  };
}

/** The overview line of each domain, `Label: STATUS (detail)`, keyed by domain id. */
export function lines(coverage: readonly DomainCoverage[]): Record<string, string> {
  return Object.fromEntries(coverage.map((c) => [c.domain, `${c.status} (${c.detail})`]));
}
