import type { TestProject } from 'vitest/node';
import { ensureBrowsers } from './browsers';
import { startFixtureServer } from './fixture-server';
import { OWN_FIXTURES, SHARED_FIXTURES } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureOrigin: string;
  }
}

export default async function setup(project: TestProject) {
  const versions = ensureBrowsers();
  console.log(`[browsers] chromium: ${versions.chromium}`);
  console.log(`[browsers] firefox: ${versions.firefox}`);
  const server = await startFixtureServer([OWN_FIXTURES, SHARED_FIXTURES]);
  project.provide('fixtureOrigin', server.origin);
  return () => server.close();
}
