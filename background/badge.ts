import type { TabReport } from '../messaging';

/** The toolbar badge: how many marks the tab shows, or a grey "off" / "ask". */
export function badgeFor(r: TabReport): { text: string; color: string; title: string } {
  if (!r.active) return { text: 'off', color: '#77716a', title: r.reason === 'paused' ? 'Backstory is paused' : 'Backstory is off on this site' };
  if (r.mode === 'ask') return { text: 'ask', color: '#77716a', title: 'Backstory reads this site only when you ask' };
  const n = r.marks ?? 0;
  return { text: n === 0 ? '' : n > 999 ? '999+' : String(n), color: '#8a4b12', title: `Backstory: ${n} mark${n === 1 ? '' : 's'} on this page` };
}
