import type { MotoServer } from '../emulator/moto-server.ts';
import { createDemoUsers } from './demo-users.ts';
import { bootstrapAdmin } from './emulator-target.ts';
import { buildSampleEstate, type SampleEstate } from './sample-estate.ts';
import { createSandbox, type Sandbox } from './sandbox.ts';
import type { SpecOptions } from './estate-spec.ts';

/** The demo's two profiles: what `escher policy` prints, and that without IAM and Cost Explorer. */
export const DEMO_PROFILES = { prod: 'escher-prod', audit: 'escher-audit' } as const;

export interface PreparedDemo {
  readonly estate: SampleEstate;
  readonly sandbox: Sandbox;
}

/**
 * On a moto started with `enforceIamAfter: BOOTSTRAP_REQUESTS`: the bootstrap admin, the sample
 * estate, the two demo users, and a sandbox home whose profiles sign in as them.
 */
export async function prepareDemo(
  moto: MotoServer,
  options: SpecOptions & { progress?: (line: string) => void } = {},
): Promise<PreparedDemo> {
  const progress = options.progress ?? (() => undefined);
  const admin = await bootstrapAdmin(moto.endpoint);
  const estate = await buildSampleEstate(admin, {
    ...options,
    onStep: (step) => {
      progress(`building ${step}`);
    },
  });
  progress('creating users escher-readonly and escher-audit with access keys');
  const users = await createDemoUsers(admin);
  const sandbox = await createSandbox(moto.endpoint, [
    { name: DEMO_PROFILES.prod, credentials: users.readonly.credentials },
    { name: DEMO_PROFILES.audit, credentials: users.audit.credentials },
  ]);
  progress(`sandbox home ${sandbox.dir} (AWS config, credentials and Escher home)`);
  return { estate, sandbox };
}
