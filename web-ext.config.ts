import { defineWebExtConfig } from 'wxt';

// `npm start` opens Debian's browsers with the extension loaded and reloads it on every change.
export default defineWebExtConfig({
  binaries: {
    chrome: '/usr/bin/chromium',
    firefox: '/usr/bin/firefox-esr',
  },
});
