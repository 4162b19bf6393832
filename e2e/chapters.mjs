// Steps the chapter pages' e2e tests share: axe's serious findings in each colour scheme, and
// running a demo card until its run is over.
import AxeBuilder from '@axe-core/playwright';
import { BROWSER, axeInFirefox } from './support.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe's serious and critical violations (WCAG 2.1 AA) on the page as it is now, in each of
 * `schemes`, one line each ("dark: color-contrast: … .selector"). In Firefox the same axe-core
 * runs in the page.
 */
export async function seriousViolations(page, schemes = ['light', 'dark']) {
  const found = [];
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    const result = BROWSER === 'firefox' ? await axeInFirefox(page, TAGS) : await new AxeBuilder({ page }).withTags(TAGS).analyze();
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      found.push(`${colorScheme}: ${v.id}: ${v.help} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  return found;
}

/**
 * Clicks the "Run it" button of the demo `card` (a CSS selector) and waits until its run is over:
 * the button was disabled (a mutation observer sees it, however short the run) and is enabled again.
 */
export async function runDemoCard(page, card) {
  await page.evaluate((c) => {
    window.__demoObserver?.disconnect();
    window.__demoBusy = false;
    window.__demoObserver = new MutationObserver((records) => {
      if (records.some((r) => r.attributeName === 'disabled')) window.__demoBusy = true;
    });
    window.__demoObserver.observe(document.querySelector(c), { subtree: true, attributes: true, attributeFilter: ['disabled'] });
  }, card);
  await page.locator(`${card} button`).filter({ hasText: /^Run it$/ }).click();
  await page.waitForFunction((c) => window.__demoBusy && document.querySelector(`${c} button`)?.disabled === false,
    card, { timeout: 60_000 });
}
