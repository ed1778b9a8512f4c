import { test, expect } from '@playwright/test';
import { settle, signUp } from './helpers';

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

// Issue 9, item 4: the household's pantry. Runs with JavaScript and without.
test('a parent stocks the pantry, sees what to use soon, corrects an item and uses one up', async ({ page }) => {
  await signUp(page, 'Greta');
  await page.getByRole('link', { name: 'Pantry', exact: true }).first().click();
  await settle(page);
  await expect(page.getByTestId('no-items')).toBeVisible();
  // Debian's Chromium has no BarcodeDetector on Linux: the barcode is typed, no scan is offered.
  await expect(page.getByTestId('barcode-scanner')).toHaveCount(0);

  // A bad quantity keeps its message next to the field and what was typed.
  await page.getByLabel('What is it?').fill('Milk');
  await page.getByLabel('Where').selectOption('fridge');
  await page.getByLabel('Quantity').fill('lots');
  await page.getByRole('button', { name: 'Add to pantry' }).click();
  await expect(page.getByText('Enter the quantity as a number.')).toBeVisible();
  await expect(page.getByLabel('What is it?')).toHaveValue('Milk');

  await page.getByLabel('Quantity').fill('1');
  await page.getByLabel('Unit').fill('l');
  await page.getByLabel('Use by (optional)').fill(inDays(1));
  await page.getByRole('button', { name: 'Add to pantry' }).click();
  await expect(page.getByTestId('pantry-item').filter({ hasText: 'Milk' })).toContainText('Use soon');
  await settle(page);

  await page.getByLabel('What is it?').fill('Frozen peas');
  await page.getByLabel('Where').selectOption('freezer');
  await page.getByLabel('Quantity').fill('500');
  await page.getByLabel('Unit').fill('g');
  await page.getByRole('button', { name: 'Add to pantry' }).click();
  await expect(page.getByTestId('pantry-item')).toHaveCount(2);

  // The freezer filter shows only the peas.
  await page.getByRole('link', { name: 'Freezer' }).click();
  await expect(page.getByTestId('pantry-item')).toHaveCount(1);
  await expect(page.getByTestId('pantry-item')).toContainText('Frozen peas');

  // Correct the peas' quantity on the item's page.
  await page.getByRole('link', { name: 'Frozen peas' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frozen peas');
  await settle(page);
  await page.getByLabel('Quantity').fill('350');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('pantry-item').filter({ hasText: 'Frozen peas' })).toContainText('350 g');

  // Link the peas to their SR28 food: the item's page suggests foods from its name.
  await page.getByRole('link', { name: 'Frozen peas' }).click();
  await expect(page.getByTestId('linked-food')).toContainText('Not linked');
  await settle(page);
  await page.getByRole('button', { name: /^Link to Peas, green, frozen/ }).first().click();
  await expect(page.getByTestId('linked-food')).toContainText('Linked to Peas, green, frozen');
  await expect(page.getByTestId('food-result')).toHaveCount(0);
  await page.goto('/pantry');

  // The dashboard tile counts what expires soon.
  await page.goto('/');
  await expect(page.locator('[data-module="pantry"]')).toContainText('1 item');
  await expect(page.locator('[data-module="pantry"]')).toContainText('Milk');

  // The milk is used up and leaves the list.
  await page.goto('/pantry');
  await settle(page);
  await page.getByRole('button', { name: 'Milk is used up' }).click();
  await expect(page.getByTestId('pantry-item')).toHaveCount(1);
  await expect(page.getByTestId('pantry-items')).not.toContainText('Milk');
});

test('where the browser has BarcodeDetector, a camera scan fills the barcode field', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'scanning needs JavaScript; without it the barcode is typed (above)');
  // Stands in for the detector Chromium lacks on Linux; the camera is Chromium's fake device.
  await page.addInitScript(() => {
    (window as any).BarcodeDetector = class {
      async detect() { return [{ rawValue: '4006381333931', format: 'ean_13' }]; }
    };
  });
  await signUp(page, 'Hugo');
  await page.goto('/pantry');
  await settle(page);
  await page.getByRole('button', { name: 'Scan the barcode with the camera' }).click();
  await expect(page.getByLabel('Barcode (optional)')).toHaveValue('4006381333931');
  await expect(page.getByTestId('scan-status')).toContainText('Found 4006381333931');
  await page.getByLabel('What is it?').fill('Pencils');
  await page.getByRole('button', { name: 'Add to pantry' }).click();
  await page.getByRole('link', { name: 'Pencils' }).click();
  await expect(page.getByLabel('Barcode (optional)')).toHaveValue('4006381333931');
});
