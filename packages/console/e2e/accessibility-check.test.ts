import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from './browser.ts';

/** The journeys' accessibility check is only worth something if it catches what it should. */
describe('the accessibility check itself', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('reports an unlabelled field and an image without text, and nothing on a sound page', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<html lang="ja"><title>t</title><main><h1>見出し</h1><input type="text"><img src="data:,"></main></html>',
    );
    const found = (await accessibilityViolations(page)).map((v) => v.split(' ')[0]);
    expect(found).toEqual(expect.arrayContaining(['label', 'image-alt']));
    await page.setContent(
      '<html lang="ja"><title>t</title><main><h1>見出し</h1><label for="n">氏名</label><input id="n" type="text"></main></html>',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
