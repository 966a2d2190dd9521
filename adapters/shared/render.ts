/**
 * Renders the Markdown tree for one platform and splits it into messages that fit the
 * platform's length limit. Splits fall on paragraph boundaries first, then list items and lines,
 * then words; markup is never cut in half because every piece is rendered on its own.
 */
import { blockSeparator, type Block, type Inline, parseMarkdown } from './markdown';

/** How one platform writes the four things the subset has. */
export interface MarkupRenderer {
  text(text: string): string;
  bold(rendered: string): string;
  link(text: string, url: string): string;
  /** One list item; `number` is null for a bullet list. */
  listItem(number: number | null, rendered: string): string;
}

export function renderInline(nodes: readonly Inline[], renderer: MarkupRenderer): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return renderer.text(node.text);
      if (node.type === 'link') return renderer.link(node.text, node.url);
      return renderer.bold(renderInline(node.children, renderer));
    })
    .join('');
}

function renderBlock(block: Block, renderer: MarkupRenderer): string {
  if (block.type === 'paragraph')
    return block.lines.map((line) => renderInline(line, renderer)).join('\n');
  return block.items
    .map((item, index) =>
      renderer.listItem(block.ordered ? block.start + index : null, renderInline(item, renderer)),
    )
    .join('\n');
}

export function renderMarkdown(source: string, renderer: MarkupRenderer): string {
  return parseMarkdown(source)
    .map(
      (block, index) => (index === 0 ? '' : blockSeparator(block)) + renderBlock(block, renderer),
    )
    .join('');
}

interface Piece {
  readonly text: string;
  /** What joins this piece to the one before it when both land in the same message. */
  readonly separator: string;
}

/** Renders `source` into messages of at most `limit` characters each. */
export function renderChunks(source: string, renderer: MarkupRenderer, limit: number): string[] {
  const pieces = parseMarkdown(source).flatMap((block) => blockPieces(block, renderer, limit));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current === '') {
      current = piece.text;
    } else if (current.length + piece.separator.length + piece.text.length <= limit) {
      current += piece.separator + piece.text;
    } else {
      chunks.push(current);
      current = piece.text;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

function blockPieces(block: Block, renderer: MarkupRenderer, limit: number): Piece[] {
  const whole = renderBlock(block, renderer);
  if (whole.length <= limit) return [{ text: whole, separator: blockSeparator(block) }];
  const lines =
    block.type === 'paragraph'
      ? block.lines.map((line) => ({ line, render: (text: string) => text }))
      : block.items.map((line, index) => ({
          line,
          render: (text: string) =>
            renderer.listItem(block.ordered ? block.start + index : null, text),
        }));
  return lines.flatMap(({ line, render }, lineIndex) => {
    const firstSeparator = lineIndex === 0 ? blockSeparator(block) : '\n';
    const rendered = render(renderInline(line, renderer));
    if (rendered.length <= limit) return [{ text: rendered, separator: firstSeparator }];
    // An overlong line: every word becomes its own piece, with its markup around it.
    const words = wordPieces(line, renderer, limit);
    return words.map((word, wordIndex) => ({
      text: wordIndex === 0 ? render(word.text) : word.text,
      separator: wordIndex === 0 ? firstSeparator : word.separator,
    }));
  });
}

function wordPieces(nodes: readonly Inline[], renderer: MarkupRenderer, limit: number): Piece[] {
  const pieces: Piece[] = [];
  let separator = '';
  const visit = (children: readonly Inline[], wrap: (rendered: string) => string): void => {
    for (const node of children) {
      if (node.type === 'link') {
        const link = wrap(renderer.link(node.text, node.url));
        // A link longer than a whole message cannot be cut; it is shown as text and cut instead.
        const parts =
          link.length <= limit
            ? [link]
            : hardSlices(`${node.text} (${node.url})`, (text) => wrap(renderer.text(text)), limit);
        for (const part of parts) {
          pieces.push({ text: part, separator });
          separator = '';
        }
      } else if (node.type === 'bold') {
        visit(node.children, (rendered) => wrap(renderer.bold(rendered)));
      } else {
        for (const part of node.text.split(/(\s+)/)) {
          if (part === '') continue;
          if (/^\s+$/.test(part)) {
            separator = ' ';
            continue;
          }
          for (const slice of hardSlices(part, (text) => wrap(renderer.text(text)), limit)) {
            pieces.push({ text: slice, separator });
            separator = '';
          }
        }
      }
    }
  };
  visit(nodes, (rendered) => rendered);
  return pieces;
}

/** Cuts one word that is longer than a whole message, between code points. */
function hardSlices(word: string, render: (text: string) => string, limit: number): string[] {
  const whole = render(word);
  if (whole.length <= limit) return [whole];
  const slices: string[] = [];
  let current = '';
  for (const codePoint of word) {
    if (current !== '' && render(current + codePoint).length > limit) {
      slices.push(render(current));
      current = '';
    }
    current += codePoint;
  }
  if (current !== '') slices.push(render(current));
  return slices;
}
