/** Finds the mention under a point of the page's text: Text node + offset → mention. */
import type { Mention } from '../core/detect/detector';
import { firstIndex } from '../core/spans';
import type { TextSegment } from './text-segments';

/** How far back from a position to look for a mention still covering it (longer names are not marked). */
const LONGEST_MENTION = 400;

/**
 * Built on every read of the page, so it costs one map entry per text node; the mention at a
 * caret is found when asked, by binary search over the mentions (which come in document order).
 */
export class MentionIndex {
  private readonly segmentOf = new Map<Node, number>();

  constructor(
    private readonly segments: TextSegment[],
    private readonly starts: number[],
    readonly mentions: Mention[],
  ) {
    for (let i = 0; i < segments.length; i++) this.segmentOf.set(segments[i].node, i);
  }

  /** The mention covering this caret position, if any (the earliest, where two overlap). */
  at(node: Node, offset: number): number | null {
    const segment = node.nodeType === 3 ? this.segmentOf.get(node) : undefined;
    if (segment === undefined || offset < 0 || offset >= this.segments[segment].text.length) return null;
    const pos = this.starts[segment] + offset;
    const { mentions } = this;
    let found: number | null = null;
    for (let i = firstIndex(mentions.length, (j) => mentions[j].start > pos) - 1; i >= 0 && mentions[i].start > pos - LONGEST_MENTION; i--) {
      if (mentions[i].end > pos) found = i;
    }
    return found;
  }
}
