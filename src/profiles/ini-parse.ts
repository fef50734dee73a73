/**
 * Line-level reader for the AWS shared config and credentials files, following the rules the
 * AWS SDKs share (the smithy-rs profile parser tests): not a generic INI reader. It never
 * stops at a bad line: each problem is recorded with its line and reading goes on, so one
 * broken line cannot hide the profiles around it.
 */

export interface IniSubProperty {
  /** Lower-cased, as the AWS CLI reads nested keys. */
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

export interface IniProperty {
  /** Lower-cased key name: the SDKs and the CLI compare key names case-insensitively. */
  readonly name: string;
  /** The key as written, to tell the user when it was not lower case. */
  readonly writtenName: string;
  /** The value; continuation and sub-property lines are appended after a `\n`. */
  value: string;
  readonly line: number;
  /** Set when the key had an empty value: the indented lines after it are sub-properties. */
  readonly subProperties?: IniSubProperty[];
}

export interface IniSection {
  /** The text between the brackets, trimmed, comments removed. */
  readonly header: string;
  readonly line: number;
  readonly properties: IniProperty[];
}

export interface IniProblem {
  readonly line: number;
  readonly message: string;
}

/** A key with an empty value followed by unindented keys (see field case C06). */
export interface EmptyValueFollowedByKeys {
  readonly name: string;
  readonly line: number;
}

export interface IniDocument {
  readonly sections: IniSection[];
  readonly problems: IniProblem[];
  readonly hadBom: boolean;
  readonly emptyValuesFollowedByKeys: EmptyValueFollowedByKeys[];
}

const BOM = '\uFEFF';

export function parseIni(input: string): IniDocument {
  const hadBom = input.startsWith(BOM);
  const text = hadBom ? input.slice(1) : input;
  const sections: IniSection[] = [];
  const problems: IniProblem[] = [];
  const emptyValuesFollowedByKeys: EmptyValueFollowedByKeys[] = [];

  // `undefined` before the first header; `null` after a header that could not be read, so
  // its lines are skipped without one error each.
  let section: IniSection | null | undefined;
  let property: IniProperty | undefined;
  // The previous property line of this section had an empty value (C06 detection).
  let previousEmpty: IniProperty | undefined;

  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    // Only a comment character in the first column makes a comment line; an indented one
    // is a continuation (SDK rule).
    if (raw.startsWith('#') || raw.startsWith(';')) return;

    if (raw.startsWith(' ') || raw.startsWith('\t')) {
      if (section === undefined) {
        problems.push({ line, message: 'Expected a profile definition, found continuation' });
        return;
      }
      if (section === null) return;
      if (!property) {
        problems.push({
          line,
          message:
            'Expected a property definition, found continuation: the line is indented but no ' +
            'key comes before it; remove the indentation, or put it under a key with an empty ' +
            'value such as `s3 =`',
        });
        return;
      }
      readContinuation(property, raw.trim(), line, problems);
      // The empty value did get its indented lines: a key after them is a sibling, not C06.
      previousEmpty = undefined;
      return;
    }

    if (raw.startsWith('[')) {
      property = undefined;
      previousEmpty = undefined;
      const header = stripComment(raw, false).trim();
      if (!header.endsWith(']')) {
        problems.push({ line, message: unclosedHeader(raw) });
        section = null;
        return;
      }
      section = { header: header.slice(1, -1).trim(), line, properties: [] };
      sections.push(section);
      return;
    }

    if (section === undefined) {
      problems.push({ line, message: 'Expected a profile definition, found a property' });
      return;
    }
    if (section === null) return;
    const definition = stripComment(raw, true).trim();
    const equals = definition.indexOf('=');
    if (equals < 0) {
      problems.push({ line, message: "Expected an '=' sign defining a property" });
      property = undefined;
      return;
    }
    const writtenName = definition.slice(0, equals).trim();
    if (writtenName === '') {
      problems.push({ line, message: 'Property did not have a name' });
      property = undefined;
      return;
    }
    const value = definition.slice(equals + 1).trim();
    if (previousEmpty) {
      emptyValuesFollowedByKeys.push({ name: previousEmpty.writtenName, line: previousEmpty.line });
    }
    property = {
      name: writtenName.toLowerCase(),
      writtenName,
      value,
      line,
      ...(value === '' ? { subProperties: [] } : {}),
    };
    previousEmpty = value === '' ? property : undefined;
    section.properties.push(property);
  });

  return {
    sections,
    problems,
    hadBom,
    emptyValuesFollowedByKeys: dedupe(emptyValuesFollowedByKeys),
  };
}

function readContinuation(
  property: IniProperty,
  trimmed: string,
  line: number,
  problems: IniProblem[],
): void {
  if (!property.subProperties) {
    // A plain continuation keeps comment characters: they are part of the value.
    property.value += `\n${trimmed}`;
    return;
  }
  const equals = trimmed.indexOf('=');
  if (equals < 0) {
    problems.push({ line, message: "Expected an '=' sign defining a sub-property" });
    return;
  }
  const name = trimmed.slice(0, equals).trim();
  if (name === '') {
    problems.push({ line, message: 'Sub-property did not have a name' });
    return;
  }
  property.value += `\n${trimmed}`;
  property.subProperties.push({
    name: name.toLowerCase(),
    value: trimmed.slice(equals + 1).trim(),
    line,
  });
}

/** Why a section header has no `]`: often it had one, after a `;` or `#` that cut it off. */
function unclosedHeader(raw: string): string {
  const cut = /[;#]/.exec(raw);
  if (cut && raw.trim().endsWith(']')) {
    return (
      `Profile definition must end with ']': \`${cut[0]}\` starts a comment in a section ` +
      `header, so the header is cut at \`${cut[0]}\` (column ${cut.index + 1}); remove the ` +
      `\`${cut[0]}\` from the name`
    );
  }
  return "Profile definition must end with ']'; add the closing ']'";
}

/**
 * Removes a trailing comment. On a section line any `#` or `;` starts one; on a property line
 * only one preceded by whitespace does, so `value;x` keeps its semicolon.
 */
function stripComment(text: string, needsWhitespace: boolean): string {
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char !== '#' && char !== ';') continue;
    if (!needsWhitespace) return text.slice(0, i);
    const before = text[i - 1];
    if (before === ' ' || before === '\t') return text.slice(0, i);
  }
  return text;
}

/** One entry per empty-valued key, not one per line after it. */
function dedupe(entries: EmptyValueFollowedByKeys[]): EmptyValueFollowedByKeys[] {
  const seen = new Set<number>();
  return entries.filter((entry) => {
    if (seen.has(entry.line)) return false;
    seen.add(entry.line);
    return true;
  });
}
