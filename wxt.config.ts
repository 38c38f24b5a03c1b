import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** The Firefox add-on id; fixed so that storage and the moz-extension UUID survive reinstalls. */
export const GECKO_ID = 'backstory@backstory.invalid';

export default defineConfig({
  // Explicit imports everywhere: every file shows where its names come from.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  // Both browsers get Manifest V3 (see README, "Manifest versions").
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    build: { sourcemap: false, ...(process.env.BACKSTORY_NO_MINIFY ? { minify: false } : {}) },
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Hover cards for the history in the news: people, places, wars, treaties and dates, from a knowledge base inside the extension.',
    permissions: ['storage', 'contextMenus'],
    action: { default_title: 'Backstory' },
    // The note form's frame (see core/note-frame-protocol.ts). Not `use_dynamic_url`: its frames
    // get another origin than the extension's, and the port must go only to our own origin.
    web_accessible_resources: [{ resources: ['note-frame.html'], matches: ['http://*/*', 'https://*/*'] }],
    commands: {
      'open-card': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Open the card for the name or date at the cursor or selection',
      },
      'save-highlight': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the selected text as a highlight, with a note',
      },
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: 'Switch Backstory on or off for the current site',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Android learned data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // 123: CSS light-dark(), which every Backstory colour is written with.
        { minimum_chrome_version: '123' }),
  }),
});
