/**
 * The page index: everything Backstory found on a page, grouped as a reader thinks of it (like a
 * book's X-Ray), each entry with how often it is mentioned and where it is first mentioned.
 */
import type { Mention } from '../detect/detector';
import type { EntryType } from '../kb/types';
import { edtfInWords } from './format-dates';
import type { MarkGroup } from '../../settings';

export const GROUP_LABELS: Record<MarkGroup, string> = {
  people: 'People',
  places: 'Places',
  conflicts: 'Wars, battles and events',
  treaties: 'Treaties, conferences and documents',
  organisations: 'Organisations and units',
  dates: 'Dates',
};

const GROUP_OF_TYPE: Record<EntryType, MarkGroup> = {
  person: 'people',
  place: 'places',
  state: 'places',
  event: 'conflicts',
  war: 'conflicts',
  battle: 'conflicts',
  operation: 'conflicts',
  treaty: 'treaties',
  conference: 'treaties',
  document: 'treaties',
  organization: 'organisations',
  'military-unit': 'organisations',
};

export function groupOf(m: Mention): MarkGroup {
  return m.kind === 'date' ? 'dates' : (GROUP_OF_TYPE[m.type] ?? 'conflicts');
}

export interface IndexEntry {
  /** KB id for names, the EDTF value for dates. */
  key: string;
  label: string;
  count: number;
  /** Index of the first mention in the page's mention list. */
  first: number;
}

export interface IndexGroup {
  group: MarkGroup;
  label: string;
  /** Mentions in the group (not entries). */
  count: number;
  entries: IndexEntry[];
}

/** Groups in a fixed order, entries by how often they are mentioned (then by first mention). */
export function pageIndex(mentions: Mention[]): IndexGroup[] {
  const groups = new Map<MarkGroup, Map<string, IndexEntry>>();
  mentions.forEach((m, i) => {
    const g = groupOf(m);
    let entries = groups.get(g);
    if (!entries) groups.set(g, (entries = new Map()));
    // Publication dates are about the page, not the story.
    if (m.kind === 'date' && m.role === 'publication') return;
    const key = m.kind === 'entity' ? m.id : m.edtf;
    const got = entries.get(key);
    if (got) got.count++;
    else entries.set(key, { key, label: m.kind === 'entity' ? m.title : (edtfInWords(m.edtf) ?? m.text), count: 1, first: i });
  });
  const order: MarkGroup[] = ['people', 'places', 'conflicts', 'treaties', 'organisations', 'dates'];
  return order
    .filter((g) => groups.get(g)?.size)
    .map((g) => {
      const entries = [...groups.get(g)!.values()];
      entries.sort(g === 'dates' ? (a, b) => a.first - b.first : (a, b) => b.count - a.count || a.first - b.first);
      return { group: g, label: GROUP_LABELS[g], count: entries.reduce((n, e) => n + e.count, 0), entries };
    });
}

/** What the popup's page index asks for and gets. */
export interface PageIndexReply {
  /** False while Backstory has not read the page ("only when I ask", or switched off). */
  read: boolean;
  mode: 'on' | 'ask' | 'off';
  groups: IndexGroup[];
}

