/**
 * Collects the text a reader can see, as segments to scan. Reads the DOM, never writes it.
 */

/** Elements whose text is never scanned, with their whole subtree. */
const SKIPPED_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'CODE', 'PRE', 'KBD', 'SAMP', 'VAR', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'svg', 'SVG', 'MATH',
  'math', 'HEAD', 'TITLE', 'META', 'LINK',
]);

/** Elements that start a new block of text; segments in different blocks never join a phrase. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HGROUP', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD',
  'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'CAPTION',
]);

export interface TextSegment {
  node: Text;
  text: string;
  /** Index of the block the segment belongs to; equal indexes may be read as one run of text. */
  block: number;
  /** `meta` for text about the page rather than the story: dates in <time>, bylines, site header, navigation, sidebars, footer. */
  role: 'story' | 'meta';
  /** White space (a blank text node) or a <br> stands between this segment and the one before it. */
  gap?: boolean;
}

const META_TAGS = new Set(['TIME', 'NAV', 'ASIDE', 'FOOTER']);
const META_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner']);
/** Class names news sites give their bylines and datelines ("byline", "article-meta", "post-date" …). */
const META_CLASS = /(?:^|[-_])(?:byline|dateline|timestamp|pubdate|publish[-_]?date|article[-_]?meta|post[-_]?meta|entry[-_]?meta|article[-_]?date|post[-_]?date|article[-_]?info|post[-_]?info|date|author|author[-_]?name|reading[-_]?time)(?:$|[-_])/i;
/** …and the lists of other stories around an article ("related", "read more", "most read", breadcrumbs). */
const OTHER_STORIES_CLASS = /(?:^|[-_])(?:related|recommended|read[-_]?more|more[-_]?(?:news|stories|articles)|most[-_]?(?:read|popular)|trending|also[-_]?read|see[-_]?also|breadcrumbs?)(?:$|[-_])/i;
const META_ITEMPROPS = new Set(['datePublished', 'dateModified', 'dateCreated', 'author']);

/** Whether an element itself says its text is about the page. */
function isMetaElement(el: Element): boolean {
  if (META_TAGS.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role && META_ROLES.has(role)) return true;
  const itemprop = el.getAttribute('itemprop');
  if (itemprop && META_ITEMPROPS.has(itemprop)) return true;
  for (let i = 0; i < el.classList.length; i++) if (META_CLASS.test(el.classList[i]) || OTHER_STORIES_CLASS.test(el.classList[i])) return true;
  // The site's header, not an article's own header with its headline.
  return el.tagName === 'HEADER' && !el.closest('article, main');
}

/**
 * The role of a text node: `meta` when any ancestor says so. Each element is judged once per walk
 * (`known`), not once for every text node below it.
 */
function roleOf(node: Node, known: Map<Element, 'story' | 'meta'>): 'story' | 'meta' {
  const unjudged: Element[] = [];
  let role: 'story' | 'meta' = 'story';
  for (let el = node.parentElement; el; el = el.parentElement) {
    const r = known.get(el);
    if (r !== undefined) {
      role = r;
      break;
    }
    if (isMetaElement(el)) {
      role = 'meta';
      known.set(el, role);
      break;
    }
    unjudged.push(el);
  }
  for (const el of unjudged) known.set(el, role);
  return role;
}

export interface CollectOptions {
  /** Subtrees to leave out, such as Backstory's own UI host. */
  exclude?: (element: Element) => boolean;
}

export function isSkippedElement(el: Element, options: CollectOptions = {}): boolean {
  if (SKIPPED_TAGS.has(el.tagName)) {
    // A text/plain document is one <pre> the browser made: that is the text to read.
    return !(el.tagName === 'PRE' && el.ownerDocument.contentType === 'text/plain');
  }
  if (options.exclude?.(el)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  if (el.getAttribute('role') === 'textbox') return true;
  return !isRendered(el);
}

function isRendered(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') {
    // A zero-size <body> of a frameset-less page is still visible; only display and visibility matter.
    return check.call(el, { visibilityProperty: true, contentVisibilityAuto: false });
  }
  const view = el.ownerDocument.defaultView;
  if (!view) return true;
  const style = view.getComputedStyle(el);
  return style.display !== 'none' && style.visibility !== 'hidden' && style.visibility !== 'collapse';
}

/** Visible, non-empty text nodes under `root`, in document order, with block boundaries. */
export function collectTextSegments(root: Node, options: CollectOptions = {}): TextSegment[] {
  const walk = segmentWalker(root, options);
  walk.next(Infinity);
  return walk.segments;
}

/**
 * The same walk in slices, yielding to the page between them, so that reading a long page never
 * holds the main thread for long (each slice stops after `sliceMs`).
 */
export async function collectTextSegmentsInSlices(
  root: Node,
  options: CollectOptions & { sliceMs?: number; yieldToPage?: () => Promise<void> } = {},
): Promise<TextSegment[]> {
  const walk = segmentWalker(root, options);
  const slice = options.sliceMs ?? 8;
  const pause = options.yieldToPage ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  while (!walk.next(slice)) await pause();
  return walk.segments;
}

function segmentWalker(root: Node, options: CollectOptions) {
  const doc = root.ownerDocument ?? (root as Document);
  const segments: TextSegment[] = [];
  /** A blank text node or a <br> was passed since the last segment: the words either side are apart. */
  let gap = false;
  const walker = doc.createTreeWalker(root, 0x1 /* SHOW_ELEMENT */ | 0x4 /* SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1) {
        if ((node as Element).tagName === 'BR') gap = true;
        return isSkippedElement(node as Element, options) ? 2 /* REJECT */ : 3 /* SKIP */;
      }
      if (/\S/.test((node as Text).data)) return 1 /* ACCEPT */;
      gap = true;
      return 3 /* SKIP */;
    },
  });
  let block = 0;
  let lastBlockElement: Element | null = null;
  const roles = new Map<Element, 'story' | 'meta'>();
  return {
    segments,
    /** Walks for up to `ms` milliseconds; true when the walk is complete. */
    next(ms: number): boolean {
      const until = performance.now() + ms;
      let n = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node as Text;
        const blockElement = nearestBlock(text);
        if (blockElement !== lastBlockElement) {
          if (lastBlockElement !== null) block++;
          lastBlockElement = blockElement;
        }
        const previous = segments[segments.length - 1];
        // Elements set side by side with no space in the markup are apart on screen when the words
        // show it: "Iryna Bondarenko</span><span>November 25", "4:22 PM</span><span>6 min read".
        if (!gap && previous?.block === block && gluedApart(previous.text, text.data)) gap = true;
        segments.push({ node: text, text: text.data, block, role: roleOf(text, roles), ...(gap ? { gap } : {}) });
        gap = false;
        if (++n % 64 === 0 && performance.now() > until) return false;
      }
      return true;
    },
  };
}

/** A lower-case letter then a capital, or a letter or digit then a digit: two words, not one split by markup ("<b>Khal</b>khin"). */
function gluedApart(before: string, after: string): boolean {
  const a = before.charAt(before.length - 1);
  const b = after.charAt(0);
  if (!a || !b) return false;
  const aLetter = a.toLowerCase() !== a.toUpperCase();
  const bLetter = b.toLowerCase() !== b.toUpperCase();
  if (aLetter && a === a.toLowerCase() && bLetter && b === b.toUpperCase()) return true;
  return (aLetter || (a >= '0' && a <= '9')) && b >= '0' && b <= '9';
}

function nearestBlock(node: Node): Element | null {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (BLOCK_TAGS.has(el.tagName)) return el;
  }
  return null;
}
