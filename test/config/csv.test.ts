import { CsvSyntaxError, parseCsv } from '../../src/config/csv';

describe('the CSV reader', () => {
  test('plain records, with the line each starts on', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  test('quoted fields hold commas, doubled quotes and line breaks; later lines are counted right', () => {
    const records = parseCsv(
      'name,note\n"Doe, Jane","said ""hi""\nthen left"\nnext,"x"\r\nlast,\n',
    );
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Doe, Jane', 'said "hi"\nthen left'] },
      { line: 4, fields: ['next', 'x'] },
      { line: 5, fields: ['last', ''] },
    ]);
  });

  test('CRLF and CR line ends, a byte order mark, no final newline, blank lines skipped', () => {
    expect(parseCsv('\uFEFFa,b\r\n\r\n1,2\r3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  test('empty fields, and an empty quoted field', () => {
    expect(parseCsv('a,,""\n')).toEqual([{ line: 1, fields: ['a', '', ''] }]);
  });

  test('an unclosed quote is a syntax error at the line where it opened', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(
      new CsvSyntaxError(2, 'a quoted field is never closed; add the closing quote (")'),
    );
  });

  test('a quote inside an unquoted field, and text after a closing quote, are syntax errors', () => {
    expect(() => parseCsv('a,b\n1,2"3\n')).toThrow(
      /^line 2: a quote \("\) inside an unquoted field/,
    );
    expect(() => parseCsv('a,b\n"1"x,2\n')).toThrow(/^line 2: text after a closing quote/);
  });
});
