export const REPEATED_PAGE_TOKEN = 'RepeatedPageToken';

/**
 * A list whose answer handed back a page token it had already given: followed, it would never
 * end. The list stops there and counts as not read to the end, never as complete.
 */
export class RepeatedPageTokenError extends Error {
  readonly $metadata = { httpStatusCode: 200 };
  readonly $fault = 'server';

  constructor(operation: string, pages: number) {
    super(
      `${operation} gave a page token it had already given, after ${pages} pages; the list was ` +
        'stopped there instead of being read forever',
    );
    this.name = REPEATED_PAGE_TOKEN;
  }
}

/** The next-page token of an answer, whatever the service calls it. */
export function pageTokenOf(page: unknown): string | undefined {
  if (typeof page !== 'object' || page === null) return undefined;
  const answer = page as Record<string, unknown>;
  const token =
    answer.NextToken ??
    answer.nextToken ??
    answer.NextMarker ??
    answer.Marker ??
    answer.NextContinuationToken ??
    answer.ContinuationToken ??
    answer.NextPageToken;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Remembers the tokens of one list, for loops that page by hand. */
export class PageTokens {
  readonly #seen = new Set<string>();
  readonly #operation: string;

  constructor(operation: string) {
    this.#operation = operation;
  }

  /** Throws when `token` was given before. */
  check(token: string | undefined): void {
    if (token === undefined) return;
    if (this.#seen.has(token)) throw new RepeatedPageTokenError(this.#operation, this.#seen.size);
    this.#seen.add(token);
  }
}

/** The SDK's pages of one list, stopped with RepeatedPageTokenError if a token comes back. */
export async function* guardedPages<P>(
  pages: AsyncIterable<P>,
  operation: string,
): AsyncGenerator<P, void, undefined> {
  const tokens = new PageTokens(operation);
  for await (const page of pages) {
    tokens.check(pageTokenOf(page));
    yield page;
  }
}
