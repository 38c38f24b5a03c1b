/** Node-side helpers for the detect command, tests and benchmarks: load the index, read a page. */
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { Detector, type PageFacts } from '../../core/detect/detector';
import { documentFromSegments, documentFromText, type DetectDocument } from '../../core/detect/document';
import type { MatcherData } from '../../core/detect/matcher-data';
import { pageFactsOf } from '../../page/page-facts';
import { collectTextSegments } from '../../page/text-segments';
import { readShippedMatcher } from '../kb/shipped';

const KB_DIR = join(import.meta.dirname, '../../public/kb');

/** The shipped matcher index from the last `npm run kb:build`, or a fresh in-memory build. */
export async function loadMatcherData(): Promise<MatcherData> {
  const shipped = readShippedMatcher(KB_DIR);
  if (shipped) return shipped.data;
  const { buildKb } = await import('../kb/build');
  return (await buildKb()).matcher;
}

export async function loadDetector(): Promise<Detector> {
  return new Detector(await loadMatcherData());
}

export interface LoadedDocument {
  document: DetectDocument;
  facts: PageFacts;
}

export function looksLikeHtml(source: string, name: string): boolean {
  if (/\.html?$/i.test(name)) return true;
  if (/\.txt$/i.test(name)) return false;
  return /^\s*(?:<!doctype html|<html|<head|<body|<article|<p[\s>])/i.test(source);
}

/** A page as the content script would read it: the visible text of its body, with page facts. */
export async function readDocument(source: string, name: string): Promise<LoadedDocument> {
  if (!looksLikeHtml(source, name)) return { document: documentFromText(source), facts: {} };
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true, navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true } } });
  try {
    const parsed = new window.DOMParser().parseFromString(source, 'text/html');
    const root = parsed.body ?? parsed.documentElement;
    const segments = collectTextSegments(root as unknown as Node);
    return { document: documentFromSegments(segments), facts: pageFactsOf(parsed as unknown as Document) };
  } finally {
    await window.happyDOM.close();
  }
}
