/**
 * The one element Backstory adds to a page: a host with a closed shadow root, shown in the top
 * layer as a popover, holding the card. Page scripts see an empty element.
 */
import { computePosition, flip, offset, shift } from '@floating-ui/dom';
import { render } from 'preact';
import { Card, type CardActions, type CardModel } from '../components/Card';
import { SaveButton, type SaveFormModel } from '../components/SaveForm';
import { SaveFrame } from './save-frame';
import { CARD_CSS, rootClass } from './card-styles';
import { HOST_ATTRIBUTE } from './host';

/** What the host can show: a card, the save form, or the small button by a selection. */
export type PanelModel = CardModel | SaveFormModel | { kind: 'save-button' };

export interface PanelActions extends CardActions {
  /** The selection button was pressed. */
  onSaveButton: () => void;
  /** The save form was submitted; rejects with a message for the reader. */
  onSubmitSave: (note: string, tags: string[]) => Promise<void>;
}

function Panel({ model, actions, theme }: { model: PanelModel; actions: PanelActions; theme: 'auto' | 'light' | 'dark' }) {
  if (model.kind === 'save-button') return <SaveButton onClick={actions.onSaveButton} shortcut="Alt+Shift+S" />;
  if (model.kind === 'save') return <SaveFrame model={model} theme={theme} onSave={actions.onSubmitSave} onClose={actions.onClose} />;
  return <Card model={model} {...actions} />;
}

const HOST_STYLE: Record<string, string> = {
  position: 'fixed',
  inset: 'auto',
  left: '0px',
  top: '0px',
  margin: '0px',
  padding: '0px',
  border: '0px',
  background: 'transparent',
  overflow: 'visible',
  'z-index': '2147483647',
  width: 'auto',
  height: 'auto',
  'max-width': 'none',
  'max-height': 'none',
  opacity: '1',
  visibility: 'visible',
  transform: 'none',
  filter: 'none',
  'clip-path': 'none',
  'pointer-events': 'auto',
  color: 'initial',
};

export class CardHost {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private returnFocus: Element | null = null;
  /** The reader's theme: 'auto' follows the system. */
  private theme: 'auto' | 'light' | 'dark' = 'auto';

  constructor(
    private readonly doc: Document,
    private readonly actions: PanelActions,
  ) {}

  private ensure(): { host: HTMLElement; mount: HTMLElement } {
    if (this.host && this.mount && this.host.isConnected) return { host: this.host, mount: this.mount };
    const host = this.doc.createElement('div');
    host.setAttribute(HOST_ATTRIBUTE, '');
    host.setAttribute('popover', 'manual');
    // Inline and !important: page rules such as `* { all: unset !important }` or ones aimed at
    // our attribute cannot move, hide or restyle the host.
    for (const [prop, value] of Object.entries(HOST_STYLE)) host.style.setProperty(prop, value, 'important');
    host.style.setProperty('display', 'none', 'important');
    const root = host.attachShadow({ mode: 'closed' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CARD_CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = this.doc.createElement('style');
      style.textContent = CARD_CSS;
      root.append(style);
    }
    const mount = this.doc.createElement('div');
    mount.className = rootClass(this.theme);
    root.append(mount);
    this.doc.documentElement.append(host);
    this.host = host;
    this.mount = mount;
    return { host, mount };
  }

  setTheme(theme: 'auto' | 'light' | 'dark'): void {
    this.theme = theme;
    if (this.mount) this.mount.className = rootClass(theme);
  }

  isOpen(): boolean {
    return !!this.host?.isConnected && this.host.matches(':popover-open');
  }

  /** Whether an event happened inside the card (the closed root hides it from the page, not from us). */
  contains(event: Event): boolean {
    return !!this.host && event.composedPath().includes(this.host);
  }

  /** What is showing now ('none' when hidden). */
  kind: PanelModel['kind'] | 'none' = 'none';
  private forms = 0;

  show(model: PanelModel, anchor: DOMRect, focus = false, placement: 'bottom-start' | 'top-end' = 'bottom-start'): void {
    const { host, mount } = this.ensure();
    this.kind = model.kind;
    // Every save form is a new one (a fresh frame with its own nonce); cards update in place.
    const key = model.kind === 'save' ? `save-${++this.forms}` : 'card';
    render(<Panel key={key} model={model} actions={this.actions} theme={this.theme} />, mount);
    host.style.setProperty('display', 'block', 'important');
    if (!this.isOpen()) {
      try {
        host.showPopover();
      } catch {
        // Without popovers the card still shows, just not in the top layer.
      }
    }
    const virtual = { getBoundingClientRect: () => anchor };
    void computePosition(virtual, host, { strategy: 'fixed', placement, middleware: [offset(6), flip(), shift({ padding: 8 })] }).then(({ x, y }) => {
      host.style.setProperty('left', `${Math.round(x)}px`, 'important');
      host.style.setProperty('top', `${Math.round(y)}px`, 'important');
    });
    if (focus) {
      this.returnFocus ??= this.doc.activeElement;
      ((mount.querySelector('[data-autofocus]') ?? mount.querySelector('.card-close')) as HTMLElement | null)?.focus();
    }
  }

  hide(): void {
    this.kind = 'none';
    if (!this.host || !this.mount) return;
    // Focus leaves the card first, and the content goes a moment after the card is hidden: a
    // focused frame (the note form) removed while the key that closed it is still being delivered
    // would leave that key with nowhere to go.
    if (this.returnFocus instanceof HTMLElement) this.returnFocus.focus();
    ((this.mount.getRootNode() as ShadowRoot).activeElement as HTMLElement | null)?.blur();
    this.returnFocus = null;
    try {
      if (this.isOpen()) this.host.hidePopover();
    } catch {
      // already hidden
    }
    this.host.style.setProperty('display', 'none', 'important');
    const mount = this.mount;
    setTimeout(() => {
      if (this.kind === 'none' && this.mount === mount) render(null, mount);
    }, 100);
  }

  destroy(): void {
    this.hide();
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = null;
    this.mount = null;
  }
}
