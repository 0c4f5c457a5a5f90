import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';

/** Debian's chromium (never a downloaded browser build), driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';
/** test-artifacts/screenshots/<database kind>/ (CI keeps them as artefacts). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install chromium (see .ci/run)`);
if (!available) console.warn(`SKIPPED: browser tests need ${CHROMIUM} (apt-get install -y chromium); they are not run here`);
/** `describe` where chromium is installed (always in CI), `describe.skip` elsewhere. */
export const describeBrowser = available ? describe : describe.skip;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}
