/**
 * JSON with keys sorted at every depth, so equal values give equal text and the diff can
 * compare stored columns directly.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
  }
  return value;
}

/**
 * A stored column that does not hold the JSON Escher wrote there (edited by hand, or damaged
 * on disk). It names the place so that the message can too.
 */
export class StoredValueError extends Error {
  readonly place: string;

  constructor(place: string) {
    super(`${place} holds text that is not JSON`);
    this.place = place;
    this.name = 'StoredValueError';
  }
}

/** Parses a stored JSON column; `place` names it (table, column and row) in the refusal. */
export function readStoredJson(text: string, place: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoredValueError(place);
  }
}

export function parseJsonObject(text: string, place: string): Record<string, unknown> {
  const parsed = readStoredJson(text, place);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

export function parseStringArray(text: string, place: string): string[] {
  const parsed = readStoredJson(text, place);
  return Array.isArray(parsed) ? parsed.filter((item) => typeof item === 'string') : [];
}

/** `resources.tags of i-0abc`: where a resource's stored column is. */
export function resourcePlace(column: string, resourceId: string): string {
  return `resources.${column} of ${resourceId}`;
}
