import { test, expect } from '@playwright/test';
import { settle, signUp } from './helpers';

// Issue 9, item 1: the food diary. Runs with JavaScript and without.
test('a parent logs breakfast from SR28 foods and sees it against their targets', async ({ page }) => {
  await signUp(page, 'Hedda');

  // Body data on the own profile gives default daily targets.
  await page.goto('/profiles');
  await settle(page);
  await page.getByRole('link', { name: /Edit/ }).first().click();
  await settle(page);
  await page.getByLabel('Date of birth').fill('1988-05-14');
  await page.getByLabel('Gender').selectOption('female');
  await page.getByLabel('Height (cm)').fill('168');
  await page.getByLabel('Weight (kg)').fill('62');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/profiles$/);

  await page.goto('/meals');
  await settle(page);
  await expect(page.getByTestId('intake-bars')).toContainText('Energy');
  await page.getByLabel('What did you eat?').fill('Porridge and fruit');
  await page.getByLabel('Meal', { exact: true }).selectOption('breakfast');
  await page.getByRole('button', { name: 'Log meal and add foods' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Porridge and fruit');
  await settle(page);

  // Search, then add a medium apple by its own household measure.
  await page.getByLabel('Search foods (USDA SR28)').fill('apples raw with skin');
  await page.getByRole('button', { name: 'Search' }).click();
  const apple = page.getByTestId('food-result').filter({ hasText: 'Apples, raw, with skin' }).first();
  await expect(apple).toBeVisible();
  await settle(page);
  await apple.getByLabel('Amount').fill('1');
  const medium = await apple.locator('option', { hasText: 'medium' }).first().getAttribute('value');
  await apple.getByLabel('Unit').selectOption(medium!);
  await apple.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('meal-items')).toContainText('Apples, raw, with skin');
  await settle(page);

  // A bad amount keeps its message on the page.
  await page.getByLabel('Search foods (USDA SR28)').fill('milk whole 3.25');
  await page.getByRole('button', { name: 'Search' }).click();
  const milk = page.getByTestId('food-result').filter({ hasText: 'Milk, whole, 3.25% milkfat, with added vitamin D' }).first();
  await expect(milk).toBeVisible();
  await settle(page);
  await milk.getByLabel('Amount').fill('lots');
  await milk.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('ingredient-error')).toContainText('Enter an amount');
  await settle(page);
  await page.getByLabel('Search foods (USDA SR28)').fill('milk whole 3.25');
  await page.getByRole('button', { name: 'Search' }).click();
  await settle(page);
  const milkAgain = page.getByTestId('food-result').filter({ hasText: 'Milk, whole, 3.25% milkfat, with added vitamin D' }).first();
  await milkAgain.getByLabel('Amount').fill('250');
  await milkAgain.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('meal-items')).toContainText('250 g');

  // Something no food matches.
  await settle(page);
  await page.getByLabel('What was it?').fill('Homemade granola');
  await page.getByLabel('Energy in kcal (optional)').fill('200');
  await page.getByRole('button', { name: 'Add to the meal' }).click();
  await expect(page.getByTestId('meal-items')).toContainText('Homemade granola');
  await expect(page.getByTestId('meal-nutrients')).toContainText('Calcium');

  // Rate it.
  await settle(page);
  await page.getByLabel('Rating').selectOption('5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('★★★★★')).toBeVisible();

  // The meals page counts it against the targets, today and over the week.
  await page.goto('/meals');
  const energy = page.getByTestId('intake').filter({ hasText: 'Energy' });
  await expect(energy).toContainText(/of [\d,]+ kcal/);
  await expect(energy).not.toContainText('0 kcal of');
  await expect(energy).toContainText('7-day average');
  await expect(page.getByTestId('meals')).toContainText('Porridge and fruit');
});
