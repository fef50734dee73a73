import { paginateListFunctions } from '@aws-sdk/client-lambda';
import { plural } from '../domain-tally.ts';
import type { ScanRun } from '../scan-run.ts';
import type { Collector } from './collector.ts';

async function collect(run: ScanRun, region: string): Promise<void> {
  const spec = {
    domain: 'lambda',
    service: 'lambda',
    operation: 'ListFunctions',
    region,
    subject: region,
  } as const;
  const pages = paginateListFunctions(
    { client: run.client('lambda', region), pageSize: 50 },
    {},
    run.sendOptions,
  );
  await run.pages(spec, pages, async (page) => {
    await Promise.all(
      (page.Functions ?? []).map(async (fn) => {
        if (!fn.FunctionName || !fn.FunctionArn) return;
        await run.emit({
          type: 'lambda:function',
          domain: 'lambda',
          id: fn.FunctionArn,
          account: run.accountId,
          region,
          name: fn.FunctionName,
          // ListFunctions returns no tags; the core scan leaves them to the Inventory vertical.
          tags: {},
          attributes: {
            runtime: fn.Runtime ?? null,
            memoryMb: fn.MemorySize ?? null,
            timeoutSeconds: fn.Timeout ?? null,
            codeSizeBytes: fn.CodeSize ?? null,
            lastModified: fn.LastModified ?? null,
            architectures: fn.Architectures ?? null,
            packageType: fn.PackageType ?? null,
            tagsRead: false,
          },
        });
        run.tally('lambda').add('resources');
      }),
    );
  });
}

export const lambdaCollector: Collector = {
  domain: 'lambda',
  scope: 'regional',
  collect,
  counted: ['resources'],
  okText: (tally) => plural(tally.count('resources'), 'function'),
};
