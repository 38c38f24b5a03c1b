/**
 * Maps a DOM selection to offsets in the page text Backstory reads (segments joined as
 * core/detect/document.ts joins them), and back. Only text Backstory reads can be saved: a
 * selection inside an input, a textarea, our own UI or hidden text maps to nothing.
 */
import { firstIndex } from '../core/spans';
import type { TextSegment } from './text-segments';

/**
 * The offset of a boundary point. A point inside a scanned text node maps exactly; a point
 * between elements maps to the start of the next scanned text (for a range's start) or the end
 * of the previous one (for its end).
 */
export function offsetOfPoint(
  doc: Document,
  segments: TextSegment[],
  starts: number[],
  node: Node,
  offset: number,
  side: 'start' | 'end',
): number | null {
  if (!segments.length) return null;
  if (node.nodeType === 3) {
    const i = segments.findIndex((s) => s.node === node);
    if (i >= 0) return starts[i] + Math.min(offset, segments[i].text.length);
  }
  const point = doc.createRange();
  try {
    point.setStart(node, offset);
  } catch {
    return null;
  }
  // Segments are in document order: the first one whose start lies after the point.
  const after = firstIndex(segments.length, (i) => point.comparePoint(segments[i].node, 0) > 0);
  if (side === 'start') return after < segments.length ? starts[after] : null;
  // For an end point inside a text node we do not scan, the segment before it still counts.
  return after > 0 ? starts[after - 1] + segments[after - 1].text.length : null;
}

/** The selected span of page text, trimmed of white space; null when nothing readable is selected. */
export function selectionSpan(
  doc: Document,
  segments: TextSegment[],
  starts: number[],
  text: string,
  range: Range,
): { start: number; end: number } | null {
  let start = offsetOfPoint(doc, segments, starts, range.startContainer, range.startOffset, 'start');
  let end = offsetOfPoint(doc, segments, starts, range.endContainer, range.endOffset, 'end');
  if (start === null || end === null || end <= start) return null;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}
