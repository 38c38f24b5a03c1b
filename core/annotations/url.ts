/**
 * The address a highlight or saved page is filed under: the same article reached through a
 * newsletter link, a social share or with a fragment is one page.
 */

/** Query parameters that only say how the reader arrived, never what the page shows. */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref_src|ref_url)$/i;

/**
 * Drops tracking parameters and the fragment, keeps the meaningful query (in its order), lowers
 * the scheme and host, and drops a default port. Returns null for anything but an http(s) URL.
 */
export function normaliseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([k]) => !TRACKING.test(k));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  // `URL` already lower-cases the scheme and host and drops default ports.
  return url.href;
}
