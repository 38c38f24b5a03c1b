/**
 * Detection of a page that grows (comments, infinite scroll) sends the background only the text
 * added since the last read, and gets back only the mentions that changed: the leading mentions
 * a reader would see the same — same words, same referent or date — are kept from the last answer.
 * Scores may drift a little as the page grows; a kept mention keeps the score it was first given.
 */
import type { Mention } from './detector';
import type { SegmentInput } from './document';

/** True when a reader would see the same mark and card for both. Scores are not compared. */
export function sameMention(a: Mention, b: Mention): boolean {
  if (a.kind !== b.kind || a.start !== b.start || a.end !== b.end || a.text !== b.text) return false;
  if (a.kind === 'entity' && b.kind === 'entity') {
    return (
      a.id === b.id &&
      a.refersTo === b.refersTo &&
      a.candidates.length === b.candidates.length &&
      a.candidates.every((c, i) => c.id === b.candidates[i].id)
    );
  }
  if (a.kind === 'date' && b.kind === 'date') {
    return (
      a.edtf === b.edtf &&
      a.precision === b.precision &&
      a.role === b.role &&
      a.inferred === b.inferred &&
      a.inferredFrom?.start === b.inferredFrom?.start &&
      a.inferredFrom?.rule === b.inferredFrom?.rule
    );
  }
  return false;
}

/** How many leading mentions of `next` are the same as those of `previous`. */
export function unchangedMentions(previous: readonly Mention[], next: readonly Mention[]): number {
  let k = 0;
  while (k < previous.length && k < next.length && sameMention(previous[k], next[k])) k++;
  return k;
}

/** How many leading segments are the same text in the same block and role, after the same gap. */
export function unchangedSegments(previous: readonly SegmentInput[], next: readonly SegmentInput[]): number {
  let k = 0;
  while (k < previous.length && k < next.length) {
    const a = previous[k];
    const b = next[k];
    if (a.text !== b.text || a.block !== b.block || (a.role ?? 'story') !== (b.role ?? 'story') || !a.gap !== !b.gap) break;
    k++;
  }
  return k;
}
