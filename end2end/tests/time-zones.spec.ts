import { test, expect } from '@playwright/test';
import { settle, signUp } from './helpers';

// The browser runs in Auckland: with JavaScript, sign-up proposes that zone;
// without, the household starts in UTC and changes it in the settings.
test.use({ timezoneId: 'Pacific/Auckland' });

test('the household keeps its time zone and every date field starts on its day', async ({ page, javaScriptEnabled }) => {
  await signUp(page, 'Tui');
  await page.goto('/settings/account');
  await settle(page);
  const zone = page.getByRole('textbox', { name: 'Time zone' });
  if (javaScriptEnabled) {
    await expect(zone).toHaveValue('Pacific/Auckland');
  } else {
    await expect(zone).toHaveValue('UTC');
    await zone.fill('Pacific/Auckland');
    await page.getByRole('button', { name: 'Save time zone' }).click();
    await expect(page.getByRole('textbox', { name: 'Time zone' })).toHaveValue('Pacific/Auckland');
  }
  // An unknown zone is refused next to the field, and what was typed stays.
  await page.getByRole('textbox', { name: 'Time zone' }).fill('Mars/Olympus_Mons');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByText('Enter a time zone such as Europe/London.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Time zone' })).toHaveValue('Mars/Olympus_Mons');
  expect(page.url()).not.toContain('__err');

  // Today in Auckland, as the browser (set to that zone) sees it.
  const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
  await page.goto('/workouts');
  await expect(page.getByLabel('Date')).toHaveValue(today);
});
