import { test, expect } from '@playwright/test';
import { settle, signUp } from './helpers';

// Issue 9, item 2: tags, favourite, the share link signed out, scaling and cook mode.
// Runs with JavaScript and without.
test('a parent tags and shares a recipe, a visitor reads it signed out, and cook mode walks the steps', async ({ page, browser, javaScriptEnabled }) => {
  await signUp(page, 'Yara');
  await page.goto('/recipes');
  await settle(page);
  await page.getByLabel('Name').fill('Red lentil dal');
  await page.getByLabel('Servings', { exact: true }).fill('4');
  await page.getByLabel('Tags (optional)').fill('Vegetarian, quick');
  await page.getByLabel('Rating').selectOption('5');
  await page.getByLabel('A favourite').check();
  await page.getByLabel('Share: anyone with the link').check();
  await page.getByRole('button', { name: 'Create recipe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Red lentil dal');
  await expect(page.getByTestId('recipe-badges')).toContainText('vegetarian');
  await expect(page.getByTestId('recipe-badges')).toContainText('5 of 5 stars');
  await settle(page);

  await page.getByLabel('Search foods (USDA SR28)').fill('lentils boiled without salt');
  await page.getByRole('button', { name: 'Search' }).click();
  const lentils = page.getByTestId('food-result').filter({ hasText: 'Lentils, mature seeds, cooked, boiled, without salt' });
  await expect(lentils).toHaveCount(1);
  await settle(page);
  await lentils.getByLabel('Amount').fill('400');
  await lentils.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('ingredients')).toContainText('400 g');
  await settle(page);
  for (const [text, minutes] of [['Rinse the lentils', ''], ['Simmer until soft', '1']]) {
    await page.getByLabel('Next step').fill(text);
    await page.getByLabel('Timer (min)').fill(minutes);
    await page.getByRole('button', { name: 'Add step' }).click();
    await expect(page.getByTestId('steps')).toContainText(text);
    await settle(page);
  }

  // Reorder the steps: the second up, then back down.
  await page.getByRole('button', { name: 'Move step 2 up' }).click();
  await expect(page.getByTestId('step').first()).toContainText('Simmer until soft');
  await settle(page);
  await page.getByRole('button', { name: 'Move step 1 down' }).click();
  await expect(page.getByTestId('step').first()).toContainText('Rinse the lentils');
  await settle(page);

  // Scaled to 8 servings in US units.
  await page.getByTestId('scale-form').getByLabel('Servings').fill('8');
  await page.getByTestId('scale-form').getByLabel('Units').selectOption('imperial');
  await page.getByTestId('scale-form').getByRole('button', { name: 'Scale' }).click();
  await expect(page.getByTestId('ingredients')).toContainText('1 ¾ lb');

  // The tag finds it on the list.
  await page.goto('/recipes');
  await page.getByRole('link', { name: 'vegetarian' }).click();
  await expect(page.getByTestId('recipes')).toContainText('Red lentil dal');

  // A visitor with the link, signed out, reads it without any name of the household.
  await page.getByRole('link', { name: 'Red lentil dal' }).click();
  const link = await page.getByTestId('share-link').getAttribute('href');
  const visitor = await browser.newContext({ javaScriptEnabled });
  const stranger = await visitor.newPage();
  await stranger.goto(link!);
  await expect(stranger.getByRole('heading', { level: 1 })).toHaveText('Red lentil dal');
  await expect(stranger.getByTestId('shared-recipe')).toContainText('Simmer until soft');
  await expect(stranger.locator('body')).not.toContainText('Yara');
  await visitor.close();

  // Cook mode: with JavaScript one step at a time with its timer; without, every step listed.
  await page.getByRole('link', { name: 'Cook mode' }).click();
  if (javaScriptEnabled) {
    await settle(page);
    await expect(page.getByTestId('cook-step')).toContainText('Step 1 of 2');
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByTestId('cook-step')).toContainText('Simmer until soft');
    await expect(page.getByRole('timer')).toHaveText('1:00');
    await page.getByRole('button', { name: 'Start timer' }).click();
    await expect(page.getByRole('timer')).not.toHaveText('1:00', { timeout: 5000 });
    await page.getByRole('button', { name: 'Pause timer' }).click();
  } else {
    await expect(page.getByTestId('step-list')).toContainText('Rinse the lentils');
    await expect(page.getByTestId('step-list')).toContainText('1 minute');
  }
});
