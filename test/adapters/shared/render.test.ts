/** The Markdown subset per platform, and splitting long replies without breaking markup. */
import fc from 'fast-check';
import { parseMarkdown, plainText } from '../../../adapters/shared/markdown';
import {
  slackMrkdwn,
  teamsMarkdown,
  telegramHtml,
} from '../../../adapters/shared/platform-renderers';
import { renderChunks, renderMarkdown } from '../../../adapters/shared/render';
import { parseTelegramHtml } from '../../stand-ins/telegram-bot-api';

const sample =
  'Your **24-month** warranty covers:\n- parts & labour\n- the <motor>\n\n1. Call us\n2. Visit [our site](https://example.com/a_b?x=1&y=2)';

describe('Markdown subset', () => {
  it('parses paragraphs, lists, bold and links', () => {
    expect(parseMarkdown('Hello **you**\nsecond line\n- a\n- b\n\n3. c')).toEqual([
      {
        type: 'paragraph',
        joined: false,
        lines: [
          [
            { type: 'text', text: 'Hello ' },
            { type: 'bold', children: [{ type: 'text', text: 'you' }] },
          ],
          [{ type: 'text', text: 'second line' }],
        ],
      },
      {
        type: 'list',
        joined: true,
        ordered: false,
        start: 1,
        items: [[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]],
      },
      {
        type: 'list',
        joined: false,
        ordered: true,
        start: 3,
        items: [[{ type: 'text', text: 'c' }]],
      },
    ]);
  });

  it('renders Slack mrkdwn with &, <, > escaped and <url|text> links', () => {
    expect(renderMarkdown(sample, slackMrkdwn)).toBe(
      'Your *24-month* warranty covers:\n• parts &amp; labour\n• the &lt;motor&gt;\n\n1. Call us\n2. Visit <https://example.com/a_b?x=1&amp;y=2|our site>',
    );
  });

  it('renders Teams Markdown with Markdown characters in plain text escaped', () => {
    expect(renderMarkdown(sample, teamsMarkdown)).toBe(
      'Your **24-month** warranty covers:\n- parts &amp; labour\n- the &lt;motor&gt;\n\n1. Call us\n2. Visit [our site](https://example.com/a_b?x=1&y=2)',
    );
    expect(renderMarkdown('snake_case *not bold* [x]', teamsMarkdown)).toBe(
      'snake\\_case \\*not bold\\* \\[x\\]',
    );
  });

  it('renders Telegram HTML that Telegram accepts', () => {
    const html = renderMarkdown(sample, telegramHtml);
    expect(parseTelegramHtml(html)).toEqual({ text: plainText(parseMarkdown(sample)) });
  });
});

describe('splitting', () => {
  it('keeps paragraphs whole when they fit', () => {
    const paragraphs = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
    expect(renderChunks(paragraphs.join('\n\n'), telegramHtml, 90)).toEqual([
      `${paragraphs[0]}\n\n${paragraphs[1]}`,
      paragraphs[2],
    ]);
  });

  it('splits an overlong paragraph between words, each piece with its own markup', () => {
    const chunks = renderChunks(`**${'word '.repeat(30).trim()}**`, telegramHtml, 40);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(40);
      expect(parseTelegramHtml(chunk)).not.toHaveProperty('error');
    }
    expect(
      chunks.map((chunk) => (parseTelegramHtml(chunk) as { text: string }).text).join(' '),
    ).toBe('word '.repeat(30).trim());
  });

  it('cuts a single word longer than a message between characters, never inside an entity', () => {
    const chunks = renderChunks('&'.repeat(30), telegramHtml, 12);
    expect(chunks.every((chunk) => chunk.length <= 12 && /^(&amp;)+$/.test(chunk))).toBe(true);
    expect(chunks.join('')).toBe('&amp;'.repeat(30));
  });

  it('shows a link longer than a whole message as text, cut to fit', () => {
    const chunks = renderChunks(`[terms](https://example.com/${'a'.repeat(60)})`, telegramHtml, 30);
    expect(chunks.every((chunk) => chunk.length <= 30 && !chunk.includes('<a'))).toBe(true);
    expect(chunks.join('')).toBe(`terms (https://example.com/${'a'.repeat(60)})`);
  });

  it('never exceeds the limit, never breaks Telegram HTML and never loses a word (property)', () => {
    const word = fc.stringMatching(/^[a-z&<>"*]{1,12}$/);
    const line = fc
      .array(
        fc.oneof(
          word,
          word.map((w) => `**${w}**`),
          word.map((w) => `[${w}](https://e.x/${encodeURIComponent(w)})`),
        ),
        { minLength: 1, maxLength: 30 },
      )
      .map((words) => words.join(' '));
    const markdown = fc
      .array(
        fc.oneof(
          line,
          line.map((l) => `- ${l}`),
        ),
        { minLength: 1, maxLength: 12 },
      )
      .map((lines) => lines.join('\n\n'));
    fc.assert(
      fc.property(markdown, fc.integer({ min: 150, max: 600 }), (source, limit) => {
        const chunks = renderChunks(source, telegramHtml, limit);
        const visible = chunks.map((chunk) => {
          expect(chunk.length).toBeLessThanOrEqual(limit);
          const parsed = parseTelegramHtml(chunk);
          if ('error' in parsed) throw new Error(`${parsed.error} in ${chunk}`);
          return parsed.text;
        });
        const words = (text: string): string[] =>
          text.replace(/•/g, ' ').split(/\s+/).filter(Boolean);
        expect(words(visible.join(' ')).join('')).toBe(
          words(plainText(parseMarkdown(source))).join(''),
        );
      }),
      { numRuns: 200 },
    );
  });
});
