/**
 * Hover for cards: hit-tests the pointer against the marks (never reading what the reader types),
 * opens after a dwell, closes shortly after the pointer leaves both mark and card.
 */

export const CLOSE_DELAY_MS = 300;

/** The caret under a point, in both browsers' APIs. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

export interface HoverTarget {
  key: string;
  rect: DOMRect;
}

export interface PointerOptions {
  delayMs: () => number;
  /** What is under the point, or null. */
  lookup: (x: number, y: number) => HoverTarget | null;
  open: (target: HoverTarget) => void;
  close: () => void;
  /** True while the pointer is over the card itself. */
  overCard: (event: PointerEvent) => boolean;
  signal: AbortSignal;
}

/**
 * Starts following the pointer; `reset` forgets the open card once it closed (however it closed);
 * `recheck` looks again under a resting pointer (new marks arrived under it).
 */
export function followPointer(win: Window, o: PointerOptions): { reset(): void; recheck(): void } {
  let hovered: string | null = null;
  let openKey: string | null = null;
  let dwell: ReturnType<typeof setTimeout> | undefined;
  let closing: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;
  let last: PointerEvent | null = null;

  const cancelClose = () => {
    clearTimeout(closing);
    closing = undefined;
  };
  const scheduleClose = () => {
    if (closing || openKey === null) return;
    closing = setTimeout(() => {
      closing = undefined;
      openKey = null;
      o.close();
    }, CLOSE_DELAY_MS);
  };

  const check = () => {
    frame = 0;
    const e = last;
    if (!e) return;
    if (o.overCard(e)) {
      cancelClose();
      clearTimeout(dwell);
      hovered = null;
      return;
    }
    const target = o.lookup(e.clientX, e.clientY);
    const key = target?.key ?? null;
    if (key === hovered) return;
    hovered = key;
    clearTimeout(dwell);
    if (!target) {
      scheduleClose();
      return;
    }
    if (key === openKey) {
      cancelClose();
      return;
    }
    dwell = setTimeout(() => {
      cancelClose();
      openKey = key;
      o.open(target);
    }, o.delayMs());
  };

  win.addEventListener(
    'pointermove',
    (e) => {
      last = e;
      frame ||= win.requestAnimationFrame(check);
    },
    { passive: true, capture: true, signal: o.signal },
  );
  return {
    reset() {
      // Forget the open card; a dwell already running for another mark goes on.
      cancelClose();
      if (hovered === openKey) hovered = null;
      openKey = null;
    },
    recheck() {
      if (!last || openKey !== null || hovered !== null) return;
      frame ||= win.requestAnimationFrame(check);
    },
  };
}
