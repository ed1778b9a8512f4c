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
