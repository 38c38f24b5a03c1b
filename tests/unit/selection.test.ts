// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { describeRange, anchor } from '../../core/annotations/anchor';
import { documentFromSegments } from '../../core/detect/document';
import { placeHighlights } from '../../page/saved-highlights';
import { selectionSpan } from '../../page/selection-offsets';
import { collectTextSegments } from '../../page/text-segments';
import type { Highlight } from '../../core/annotations/types';

function page(html: string) {
  document.body.innerHTML = html;
  const segments = collectTextSegments(document.body);
  const joined = documentFromSegments(segments);
  return { segments, starts: joined.segmentStarts, text: joined.text };
}

describe('selection → page text offsets', () => {
  it('maps a selection across inline elements and trims white space', () => {
    const p = page('<article><p>In <b>August 1945</b> the <i>Red Army</i> crossed into Manchuria. </p></article>');
    const r = document.createRange();
    r.setStart(document.querySelector('b')!.firstChild!, 0);
    r.setEnd(document.querySelector('p')!.lastChild!, ' crossed into Manchuria. '.length);
    const span = selectionSpan(document, p.segments, p.starts, p.text, r)!;
    expect(p.text.slice(span.start, span.end)).toBe('August 1945 the Red Army crossed into Manchuria.');
  });

  it('maps boundaries between elements, as a triple click makes them', () => {
    const p = page('<article><p>First paragraph about Yalta.</p><p>Second one about Potsdam.</p></article>');
    const [first, second] = document.querySelectorAll('p');
    const r = document.createRange();
    r.setStart(first, 0);
    r.setEnd(second, 0);
    const span = selectionSpan(document, p.segments, p.starts, p.text, r)!;
    expect(p.text.slice(span.start, span.end)).toBe('First paragraph about Yalta.');
  });

  it('gives nothing for text Backstory does not read (a textarea, hidden text)', () => {
    const p = page('<p>Visible Stalin.</p><textarea>Stalin in a textarea</textarea><p hidden>Hidden Stalin</p>');
    const r = document.createRange();
    r.selectNodeContents(document.querySelector('p[hidden]')!);
    expect(selectionSpan(document, p.segments, p.starts, p.text, r)).toBeNull();
  });
});

describe('re-anchoring a saved highlight on a changed page', () => {
  const QUOTE = 'The Kwantung Army collapsed within days.';
  const before = page(`<article><p>On August 9, 1945, the Red Army crossed into Manchuria.</p><p>${QUOTE} Japan surrendered.</p></article>`);
  const at = before.text.indexOf(QUOTE);
  const { quote, position } = describeRange(before.text, at, at + QUOTE.length);
  const saved: Highlight = { id: 'k', url: 'https://x.example/', title: '', quote, position, note: '', tags: [], entities: [], dates: [], createdAt: 1, updatedAt: 1 };

  it('finds it after a paragraph was inserted above, and reports it found', () => {
    const after = page(`<article><p>Editor's note: this story was updated.</p><p>On August 9, 1945, the Red Army crossed into Manchuria.</p><p>${QUOTE} Japan surrendered.</p></article>`);
    const { placed, reports } = placeHighlights(after.text, [saved]);
    expect(after.text.slice(placed[0].start, placed[0].end)).toBe(QUOTE);
    expect(reports).toEqual([{ id: 'k', state: 'found', method: 'exact' }]);
  });

  it('reports an orphan, and places nothing, when the quote is gone', () => {
    const after = page('<article><p>On August 9, 1945, the Red Army crossed into Manchuria.</p><p>Japan surrendered.</p></article>');
    const { placed, reports } = placeHighlights(after.text, [saved]);
    expect(placed).toEqual([]);
    expect(reports).toEqual([{ id: 'k', state: 'orphan' }]);
    expect(anchor(after.text, quote, position)).toBeNull();
  });
});
