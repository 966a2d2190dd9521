/**
 * A small RFC 4180 CSV reader: comma-separated, fields optionally in double quotes, a quote inside
 * a quoted field doubled (""), and quoted fields may hold commas and line breaks. Each record
 * keeps the line it starts on, for messages. No CSV library is a dependency (see
 * .notes/warranty-requests.md); this covers what spreadsheets export.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** The file cannot be read as CSV at all; nothing from it should be used. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  // Whether the current field was quoted, and whether anything was read into the record.
  let quoted = false;
  let started = false;

  const endField = (): void => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endField();
    // A blank line (or a line of only commas) is not a record.
    if (fields.some((value) => value !== '')) records.push({ line: recordLine, fields });
    fields = [];
    started = false;
  };

  while (index < text.length) {
    const char = text[index] ?? '';
    if (!started) {
      recordLine = line;
      started = true;
    }
    if (char === '"') {
      if (field !== '' || quoted) {
        throw new CsvSyntaxError(
          line,
          'a quote (") inside an unquoted field; put the whole field in quotes and double the quotes inside it ("")',
        );
      }
      const opened = line;
      quoted = true;
      index++;
      for (;;) {
        if (index >= text.length)
          throw new CsvSyntaxError(
            opened,
            'a quoted field is never closed; add the closing quote (")',
          );
        const inner = text[index] ?? '';
        if (inner === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && text[index + 1] !== '\n')) line++;
        field += inner;
        index++;
      }
      const next = text[index];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(
          line,
          'text after a closing quote; a quoted field must be followed by a comma or the end of the line',
        );
      }
      continue;
    }
    if (char === ',') {
      endField();
      index++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += char;
    index++;
  }
  if (started) endRecord();
  return records;
}
