import type { JSX } from 'preact';

/** The reading list. Until the reader saves something it says so, and how saving works. */
export function ReadingListApp(): JSX.Element {
  return (
    <main class="reading-list">
      <header>
        <h1>Reading list</h1>
      </header>
      <section class="empty" aria-labelledby="empty-heading" data-testid="reading-list-empty">
        <h2 id="empty-heading">Nothing saved yet</h2>
        <p>
          Quotes you keep from news pages, with your notes, will be listed here by page, newest first.
        </p>
        <p class="bs-muted">
          Backstory stores them in this browser only. Nothing you save leaves your computer.
        </p>
      </section>
    </main>
  );
}
