/**
 * The text detection reads, with its blocks (paragraphs, headings, list items) and sentences.
 * Built from the content script's segments or from a plain-text file; offsets are UTF-16 code
 * units into `text`.
 */
import { firstIndex } from '../spans';

export type BlockRole = 'story' | 'meta';

export interface Block {
  start: number;
  end: number;
  /** `meta` for bylines, datelines, navigation, related-news lists: text about the page. */
  role: BlockRole;
}

export interface DetectDocument {
  text: string;
  blocks: Block[];
}

export interface SegmentInput {
  text: string;
  block: number;
  role?: BlockRole;
  /** White space or a line break stands between this segment and the one before it on the page ("By Anna Schmidt</span> <time>June 24"). */
  gap?: boolean;
}

/**
 * Joins segments: text nodes of one block run together (with a space where the page had white
 * space between them), blocks are separated by a blank line.
 */
export function documentFromSegments(segments: SegmentInput[]): DetectDocument & { segmentStarts: number[] } {
  let text = '';
  const blocks: Block[] = [];
  const segmentStarts: number[] = [];
  let current = -1;
  for (const s of segments) {
    if (s.block !== current) {
      if (blocks.length) {
        blocks[blocks.length - 1].end = text.length;
        text += '\n\n';
      }
      blocks.push({ start: text.length, end: text.length, role: s.role ?? 'story' });
      current = s.block;
    } else {
      if (s.role === 'meta') blocks[blocks.length - 1].role = 'meta';
      if (s.gap && !/\s$/.test(text) && !/^\s/.test(s.text)) text += ' ';
    }
    segmentStarts.push(text.length);
    text += s.text;
  }
  if (blocks.length) blocks[blocks.length - 1].end = text.length;
  return { text, blocks, segmentStarts };
}

/** A plain-text file as read: every line is a block. */
export function documentFromText(text: string): DetectDocument {
  const blocks: Block[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end > start) blocks.push({ start, end, role: 'story' });
    if (nl === -1) break;
    start = nl + 1;
  }
  return { text, blocks };
}

/** Finds the block of an offset by binary search; offsets between blocks belong to the previous one. */
export function blockIndexAt(blocks: Block[], offset: number): number {
  return Math.max(0, firstIndex(blocks.length, (i) => blocks[i].start > offset) - 1);
}

/**
 * The block and the sentence of an offset. Asked mostly in text order, so the last block found is
 * tried first; each block is split into sentences once.
 */
export function locator(doc: DetectDocument): { blockAt(offset: number): number; sentenceAt(offset: number): [number, number] } {
  const { text, blocks } = doc;
  let lastBlock = 0;
  const blockAt = (o: number) => {
    const b = lastBlock;
    if (o >= blocks[b].start && (b + 1 === blocks.length || o < blocks[b + 1].start)) return b;
    return (lastBlock = blockIndexAt(blocks, o));
  };
  const sentenceCache: Array<number[] | undefined> = [];
  const sentenceAt = (o: number): [number, number] => {
    const b = blockAt(o);
    const starts = (sentenceCache[b] ??= sentenceStarts(text, blocks[b]));
    const k = firstIndex(starts.length, (i) => starts[i] > o) - 1;
    return [starts[k], k + 1 < starts.length ? starts[k + 1] : blocks[b].end];
  };
  return { blockAt, sentenceAt };
}

const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|St|Mt|Ft|Gen|Col|Lt|Capt|Adm|Sgt|Prof|Rev|Jr|Sr|vs|etc|No|Nos|Vol|pp|p|a\.m|p\.m|U\.S|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z]))\.$/;

const SENTENCE_END = /[.!?]["”’)\]]*\s+(?=["“‘(\[]?[\p{Lu}\p{N}])/gu;

/** Sentence boundaries inside one block: after . ! ? followed by space and an upper-case letter, digit or quote. */
export function sentenceStarts(text: string, block: Block): number[] {
  const starts = [block.start];
  const slice = text.slice(block.start, block.end);
  for (const m of slice.matchAll(SENTENCE_END)) {
    const before = slice.slice(Math.max(0, m.index - 6), m.index + 1);
    if (ABBREVIATIONS.test(before)) continue;
    starts.push(block.start + m.index + m[0].length);
  }
  return starts;
}
