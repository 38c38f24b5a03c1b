import { fakeBrowser } from '@webext-core/fake-browser';

export const browser = fakeBrowser;
