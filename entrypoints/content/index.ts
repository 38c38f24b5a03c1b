import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContent } from '../../page/content-main';
import './marks.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    void runContent();
  },
});
