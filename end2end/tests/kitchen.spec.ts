import { test, expect, Page } from '@playwright/test';
import { settle, signUp } from './helpers';

// Issue 9, items 5–7: one family meal on different plates. Runs with JavaScript and without.

async function addFood(page: Page, search: string, match: RegExp | string, amount: string, unit?: string) {
  await page.getByLabel('Search foods (USDA SR28)').fill(search);
  await page.getByRole('button', { name: 'Search' }).click();
  const food = page.getByTestId('food-result').filter({ hasText: match }).first();
  await expect(food).toBeVisible();
  await settle(page);
  await food.getByLabel('Amount').fill(amount);
  if (unit) await food.getByLabel('Unit').selectOption({ label: unit });
  await food.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('ingredients')).toContainText(typeof match === 'string' ? match : 'g');
  await settle(page);
}

async function stock(page: Page, name: string, quantity: string, unit: string) {
  await page.getByLabel('What is it?').fill(name);
  await page.getByLabel('Where').selectOption('cupboard');
  await page.getByLabel('Quantity').fill(quantity);
  await page.getByLabel('Unit').fill(unit);
  await page.getByRole('button', { name: 'Add to pantry' }).click();
  await expect(page.getByTestId('pantry-item').filter({ hasText: name })).toBeVisible();
  await settle(page);
}

async function mealKcal(page: Page, name: string): Promise<number> {
  const entry = page.getByTestId('meals').locator('li').filter({ hasText: name }).first();
  await expect(entry).toBeVisible();
  const text = (await entry.textContent()) ?? '';
  const kcal = text.match(/([\d,.]+)\s*kcal/);
  expect(kcal, text).not.toBeNull();
  return Number(kcal![1].replace(',', ''));
}

test('a parent cooks a stew for two profiles: each plate is logged, the pantry goes down, a leftover appears and is eaten', async ({ page }) => {
  await signUp(page, 'Selma');
  await page.goto('/profiles');
  await settle(page);
  await page.getByLabel('Name', { exact: true }).fill('Tove');
  await page.getByLabel('Date of birth').fill('2018-06-01');
  await page.getByRole('button', { name: 'Add profile' }).click();
  await expect(page.getByTestId('profile-list')).toContainText('Tove');

  // The pantry holds a kilo of lentils and too few onions.
  await page.goto('/pantry');
  await settle(page);
  await stock(page, 'Lentils', '1', 'kg');
  await stock(page, 'Onions', '100', 'g');

  await page.goto('/recipes');
  await settle(page);
  await page.getByLabel('Name').fill('Family stew');
  await page.getByLabel('Servings').fill('4');
  await page.getByRole('button', { name: 'Create recipe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Family stew');
  await settle(page);
  await addFood(page, 'lentils boiled without salt', 'Lentils, mature seeds, cooked, boiled, without salt', '2', '1 cup (198 g)');
  await addFood(page, 'onions raw', /^Onions, raw/, '150');

  // The pantry check before cooking lists what is missing.
  await page.getByRole('link', { name: 'I cooked this' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('I cooked Family stew');
  await expect(page.getByTestId('pantry-check')).toContainText('50 g missing');
  await expect(page.getByTestId('missing-count')).toContainText('1 missing');
  await settle(page);

  // Too much eaten is refused next to the portions, and nothing is logged.
  await page.getByLabel('Selma', { exact: true }).fill('3');
  await page.getByLabel('Tove', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Log the meal' }).click();
  await expect(page.getByText('The portions add up to 5, more than the 4 made.')).toBeVisible();
  await settle(page);

  // The parent ate one and a half servings, the child a half portion; two are left for the fridge.
  await page.getByLabel('Selma', { exact: true }).fill('1.5');
  await page.getByLabel('Tove', { exact: true }).fill('0.5');
  await page.getByRole('button', { name: 'Log the meal' }).click();
  await expect(page).toHaveURL(/\/meals$/);
  const parentKcal = await mealKcal(page, 'Family stew');

  await page.goto('/pantry');
  await expect(page.getByTestId('pantry-item').filter({ hasText: 'Lentils' })).toContainText('0.6 kg');
  await expect(page.getByTestId('pantry-item').filter({ hasText: 'Onions' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Leftovers' }).click();
  const leftover = page.getByTestId('leftover').filter({ hasText: 'Family stew' });
  await expect(leftover).toContainText('2 servings');
  await expect(leftover).toContainText('Fridge');
  await settle(page);

  // The child eats one of them for lunch.
  await leftover.getByLabel('Who ate it').selectOption({ label: 'Tove' });
  await leftover.getByLabel('How much').fill('1');
  await leftover.getByRole('button', { name: 'Log as eaten' }).click();
  await expect(page.getByTestId('leftover').filter({ hasText: 'Family stew' })).toContainText('1 serving');

  // On the child's profile: the half portion at dinner, and one serving at lunch.
  await page.getByLabel('Profile', { exact: true }).selectOption({ label: 'Tove' });
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByTestId('current-profile')).toContainText('Tove');
  await page.goto('/meals');
  const entries = page.getByTestId('meals').locator('li').filter({ hasText: 'Family stew' });
  await expect(entries).toHaveCount(2);
  const texts = await entries.allTextContents();
  const kcals = texts.map(t => Number((t.match(/([\d,.]+)\s*kcal/) ?? ['', 'NaN'])[1].replace(',', ''))).sort((a, b) => a - b);
  expect(Math.abs(kcals[0] * 3 - parentKcal)).toBeLessThanOrEqual(2);
  expect(Math.abs(kcals[1] * 1.5 - parentKcal)).toBeLessThanOrEqual(2);

  // Use it up: the stew uses what is in stock.
  await page.goto('/use-it-up');
  await expect(page.getByTestId('suggestions')).toContainText('Family stew');
});
