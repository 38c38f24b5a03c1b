// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { documentFromSegments } from '../../core/detect/document';
import { collectTextSegments } from '../../page/text-segments';

function texts(root: Node = document.body) {
  return collectTextSegments(root, { exclude: (el) => el.hasAttribute('data-backstory-host') }).map((s) => s.text.trim());
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('collectTextSegments', () => {
  it('reads article text in document order', () => {
    document.body.innerHTML = '<article><h1>Yalta Conference</h1><p>In <b>February 1945</b> the leaders met.</p></article>';
    expect(texts()).toEqual(['Yalta Conference', 'In', 'February 1945', 'the leaders met.']);
  });

  it('keeps the space between words in neighbouring elements, so "By Anna Schmidt" and the date stay apart', () => {
    document.body.innerHTML =
      '<div class="story"><span>By Anna Schmidt</span> <time datetime="2023-06-24">June 24, 2023</time></div>' +
      '<p>Line one<br>Line two</p><p>In <b>February 1945</b> the <i>leaders</i>met.</p>';
    const segments = collectTextSegments(document.body);
    const joined = documentFromSegments(segments);
    expect(joined.text).toBe('By Anna Schmidt June 24, 2023\n\nLine one Line two\n\nIn February 1945 the leadersmet.');
    // Side by side with no space in the markup: apart where the words show it, joined inside a word.
    document.body.innerHTML = '<div><span>Iryna Bondarenko</span><span>November 25, 2023</span><span>4:22 PM</span><span>6 min read</span></div><p>Battle of <b>Khal</b>khin Gol</p>';
    expect(documentFromSegments(collectTextSegments(document.body)).text).toBe('Iryna Bondarenko November 25, 2023 4:22 PM 6 min read\n\nBattle of Khalkhin Gol');
    // Offsets still find each segment's own text.
    segments.forEach((s, i) => expect(joined.text.slice(joined.segmentStarts[i], joined.segmentStarts[i] + s.text.length)).toBe(s.text));
  });

  it('skips form fields, scripts, styles, templates and code', () => {
    document.body.innerHTML = `
      <p>Stalin in the article</p>
      <textarea>Stalin in a comment box</textarea>
      <input value="Yalta Conference"><select><option>Churchill</option></select>
      <script>var s = "Roosevelt";</script><style>.x{content:"Molotov"}</style><noscript>Hirohito</noscript>
      <template><p>Kwantung Army</p></template>
      <pre>Port Arthur</pre><p>See <code>Manchuria</code> here</p>`;
    expect(texts()).toEqual(['Stalin in the article', 'See', 'here']);
  });

  it('skips contenteditable regions and rich editors but not contenteditable="false" islands', () => {
    document.body.innerHTML = `
      <div contenteditable="true"><p>Draft about Stalin</p></div>
      <div contenteditable><p>Another draft</p></div>
      <div role="textbox">Editor text</div>
      <div contenteditable="false"><p>Published text</p></div>`;
    expect(texts()).toEqual(['Published text']);
  });

  it('skips hidden text', () => {
    document.body.innerHTML = `
      <p hidden>hidden attribute</p>
      <p style="display:none">display none</p>
      <p style="visibility:hidden">visibility hidden</p>
      <p aria-hidden="true">aria hidden</p>
      <p>visible</p>`;
    expect(texts()).toEqual(['visible']);
  });

  it('marks bylines, datelines and lists of other stories as text about the page, by their class names and microdata', () => {
    document.body.innerHTML = `
      <article>
        <p class="article-byline">By Olena Kovalenko · Published August 8, 2025</p>
        <div class="post_meta"><span>August 7, 2025</span></div>
        <span itemprop="datePublished">2025-08-08</span>
        <p class="story published">In 1945 the war ended.</p>
        <div class="related-articles"><a href="/a">Yalta at 80</a> <span>February 4, 2025</span></div>
        <ul class="most_read"><li>Kyiv, May 2024</li></ul>
        <p class="unrelatedness">A story paragraph.</p>
      </article>`;
    expect(collectTextSegments(document.body).map((s) => [s.text.trim(), s.role])).toEqual([
      ['By Olena Kovalenko · Published August 8, 2025', 'meta'],
      ['August 7, 2025', 'meta'],
      ['2025-08-08', 'meta'],
      ['In 1945 the war ended.', 'story'],
      ['Yalta at 80', 'meta'],
      ['February 4, 2025', 'meta'],
      ['Kyiv, May 2024', 'meta'],
      ['A story paragraph.', 'story'],
    ]);
  });

  it("never reads Backstory's own UI", () => {
    document.body.innerHTML = '<p>Article</p><div data-backstory-host><p>Card: Joseph Stalin</p></div>';
    expect(texts()).toEqual(['Article']);
  });

  it('numbers blocks so phrases never run across paragraphs', () => {
    document.body.innerHTML = '<p>Battle of <i>Khalkhin</i> Gol</p><p>Next paragraph</p><div>Loose <span>text</span></div>';
    const segs = collectTextSegments(document.body);
    expect(segs.map((s) => [s.text, s.block])).toEqual([
      ['Battle of ', 0],
      ['Khalkhin', 0],
      [' Gol', 0],
      ['Next paragraph', 1],
      ['Loose ', 2],
      ['text', 2],
    ]);
  });

  it('leaves out whitespace-only nodes and changes nothing in the DOM', () => {
    document.body.innerHTML = '<ul>\n  <li>One</li>\n  <li>Two</li>\n</ul>';
    const before = document.body.innerHTML;
    expect(texts()).toEqual(['One', 'Two']);
    expect(document.body.innerHTML).toBe(before);
  });
});

describe('rangeFor (marks over the page text)', () => {
  it('turns document offsets back into a range across inline elements', async () => {
    const { documentFromSegments } = await import('../../core/detect/document');
    const { rangeFor } = await import('../../page/highlights');
    document.body.innerHTML = '<p>Intro.</p><p>The Battle of <i>Khalkhin</i> Gol ended in 1939.</p>';
    const segs = collectTextSegments(document.body);
    const { text, segmentStarts } = documentFromSegments(segs);
    const start = text.indexOf('Battle of Khalkhin Gol');
    const range = rangeFor(document, segs, segmentStarts, start, start + 'Battle of Khalkhin Gol'.length);
    expect(range?.toString()).toBe('Battle of Khalkhin Gol');
    const year = text.indexOf('1939');
    expect(rangeFor(document, segs, segmentStarts, year, year + 4)?.toString()).toBe('1939');
  });

  it('refuses to mark text that changed since it was read', async () => {
    const { documentFromSegments } = await import('../../core/detect/document');
    const { rangeFor } = await import('../../page/highlights');
    document.body.innerHTML = '<p>Stalin met Churchill.</p>';
    const segs = collectTextSegments(document.body);
    const { segmentStarts } = documentFromSegments(segs);
    segs[0].node.data = 'Someone else entirely.';
    expect(rangeFor(document, segs, segmentStarts, 0, 6)).toBeNull();
  });
});

describe('collectTextSegmentsInSlices', () => {
  it('reads the same segments as the one-pass walk, yielding between slices', async () => {
    const { collectTextSegmentsInSlices } = await import('../../page/text-segments');
    document.body.innerHTML = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i} about <b>Stalin</b> and <i>Yalta</i>.</p>`).join('');
    let pauses = 0;
    const sliced = await collectTextSegmentsInSlices(document.body, {
      sliceMs: 0,
      yieldToPage: async () => {
        pauses++;
      },
    });
    const whole = collectTextSegments(document.body);
    expect(sliced.map((s) => [s.text, s.block])).toEqual(whole.map((s) => [s.text, s.block]));
    expect(pauses).toBeGreaterThan(10);
  });
});
