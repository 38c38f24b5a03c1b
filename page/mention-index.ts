/** Finds the mention under a point of the page's text: Text node + offset → mention. */
import type { Mention } from '../core/detect/detector';
import { firstIndex } from '../core/spans';
import type { TextSegment } from './text-segments';

interface Piece {
  from: number;
  to: number;
  mention: number;
}

export class MentionIndex {
  private readonly byNode = new Map<Text, Piece[]>();

  constructor(
    segments: TextSegment[],
    starts: number[],
    readonly mentions: Mention[],
  ) {
    mentions.forEach((m, i) => {
      let k = firstIndex(starts.length, (j) => starts[j] > m.start) - 1;
      for (; k >= 0 && k < segments.length && starts[k] < m.end; k++) {
        const s = segments[k];
        const from = Math.max(0, m.start - starts[k]);
        const to = Math.min(s.text.length, m.end - starts[k]);
        if (to <= from) continue;
        let list = this.byNode.get(s.node);
        if (!list) this.byNode.set(s.node, (list = []));
        list.push({ from, to, mention: i });
      }
    });
  }

  /** The mention covering this caret position, if any. */
  at(node: Node, offset: number): number | null {
    const list = node.nodeType === 3 ? this.byNode.get(node as Text) : undefined;
    if (!list) return null;
    for (const p of list) if (offset >= p.from && offset < p.to) return p.mention;
    return null;
  }
}
