import type { Settings } from '../settings';

/** Applies the reader's theme to an extension page ('auto' follows the system). */
export function applyTheme(doc: Document, settings: Pick<Settings, 'theme'>): void {
  if (settings.theme === 'auto') delete doc.documentElement.dataset.theme;
  else doc.documentElement.dataset.theme = settings.theme;
}
