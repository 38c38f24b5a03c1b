/**
 * Tells when the reader has finished selecting text: after the pointer is released (never during
 * a drag) or after keyboard selection has paused. Reads the selection only; changes nothing.
 */
export const SELECTION_SETTLE_MS = 350;

export function watchSelection(
  win: Window,
  o: {
    /** A finished, non-empty selection (its first range), or null when the selection went away. */
    onSelection: (range: Range | null) => void;
    /** Events inside Backstory's own UI are not the page's selection. */
    isOurs: (e: Event) => boolean;
    signal: AbortSignal;
  },
): void {
  const doc = win.document;
  let dragging = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    timer = undefined;
    if (dragging) return;
    const sel = doc.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) o.onSelection(null);
    else o.onSelection(sel.getRangeAt(0));
  };
  const settle = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(report, ms);
  };
  const opts = { capture: true, passive: true, signal: o.signal };
  win.addEventListener(
    'pointerdown',
    (e) => {
      if (o.isOurs(e) || (e as PointerEvent).button !== 0) return;
      dragging = true;
      clearTimeout(timer);
    },
    opts,
  );
  win.addEventListener(
    'pointerup',
    (e) => {
      if (!dragging) return;
      dragging = false;
      if (!o.isOurs(e)) settle(10);
    },
    opts,
  );
  // Keyboard selection (Shift+arrows), double-clicks and "select all" end without a drag.
  doc.addEventListener('selectionchange', () => !dragging && settle(SELECTION_SETTLE_MS), { signal: o.signal });
}
