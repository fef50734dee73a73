import { ListTagsCommand, paginateListFunctions } from '@aws-sdk/client-lambda';
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
        // ListFunctions returns no tags; a failure here leaves the function counted, tags unknown.
        const tagged = await run.call(
          {
            domain: 'lambda',
            service: 'lambda',
            operation: 'ListTags',
            region,
            subject: `tags in ${region}`,
            resource: fn.FunctionArn,
          },
          (client) =>
            client.send(new ListTagsCommand({ Resource: fn.FunctionArn }), run.sendOptions),
        );
        await run.emit({
          type: 'lambda:function',
          domain: 'lambda',
          id: fn.FunctionArn,
          account: run.accountId,
          region,
          name: fn.FunctionName,
          tags: tagged?.Tags ?? {},
          attributes: {
            runtime: fn.Runtime ?? null,
            memoryMb: fn.MemorySize ?? null,
            timeoutSeconds: fn.Timeout ?? null,
            codeSizeBytes: fn.CodeSize ?? null,
            lastModified: fn.LastModified ?? null,
            architectures: fn.Architectures ?? null,
            packageType: fn.PackageType ?? null,
            tagsRead: tagged !== undefined,
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
  okText: (tally) => plural(tally.count('resources'), 'function'),
};
