import { test, expect, Page } from '@playwright/test';
import { settle, signUp } from './helpers';

/** Collects the page's Content-Security-Policy violations (events and console reports). */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', msg => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) seen.push(msg.text());
  });
  return seen;
}

test.use({ timezoneId: 'Pacific/Auckland' });

test('the islands hydrate under the Content-Security-Policy without a violation', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'violations are reported by scripts; without JavaScript there are none to run');
  const violations = watchViolations(page);
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', e => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  // The time-zone island fills in the browser's zone: the wasm ran.
  await page.goto('/sign-up');
  await settle(page);
  await expect(page.locator('input[name="timezone"]')).toHaveValue('Pacific/Auckland');
  await signUp(page, 'Cora');
  for (const path of ['/', '/health', '/meals', '/recipes', '/pantry', '/workouts', '/recovery', '/profiles', '/settings/dashboard', '/settings/account']) {
    await page.goto(path);
    await settle(page);
  }
  expect(violations).toEqual([]);
});
