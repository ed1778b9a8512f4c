import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { signUp } from './helpers';

async function expectNoViolations(page: import('@playwright/test').Page, path: string) {
  await page.goto(path);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map(v => `${path}: ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('every page passes axe-core with zero violations', async ({ page, javaScriptEnabled }) => {
  // axe-core runs as a script in the page, so it needs JavaScript; the markup
  // it checks is the same server-rendered HTML a browser without it gets.
  test.skip(!javaScriptEnabled, 'axe-core needs JavaScript in the page');
  // Some thirty pages, a few seconds of axe each: more than one test's usual minute.
  test.setTimeout(180_000);
  await expectNoViolations(page, '/sign-in');
  await expectNoViolations(page, '/sign-up');
  await signUp(page, 'Axel');
  for (const path of ['/', '/health', '/health?metric=sleep', '/recovery', '/meals', '/recipes', '/pantry', '/pantry?location=fridge', '/workouts', '/profiles', '/settings/dashboard', '/settings/account', '/no-such-page']) {
    await expectNoViolations(page, path);
  }
  // A recipe page with search results (forms repeated per food).
  await page.goto('/recipes');
  await page.getByLabel('Name').fill('Axe soup');
  await page.getByRole('button', { name: 'Create recipe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Axe soup');
  const soup = new URL(page.url()).pathname;
  for (const text of ['Chop', 'Simmer']) {
    await page.getByLabel('Next step').fill(text);
    await page.getByRole('button', { name: 'Add step' }).click();
    await expect(page.getByTestId('steps')).toContainText(text);
  }
  await expectNoViolations(page, soup);
  await expectNoViolations(page, soup + '?q=carrots+raw');
  // Cooking it for the household, and the leftover it leaves.
  await expectNoViolations(page, soup + '?servings=8&units=imperial');
  await expectNoViolations(page, soup + '/cooked');
  await page.getByLabel('Servings made').fill('3');
  await page.getByRole('button', { name: 'Log the meal' }).click();
  await expect(page).toHaveURL(/\/meals$/);
  await expectNoViolations(page, '/leftovers');
  await expectNoViolations(page, '/use-it-up');
  await expectNoViolations(page, soup + '/cook');
  await page.goto(soup);
  await page.getByLabel('Share: anyone with the link').check();
  await page.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.getByTestId('share-link')).toBeVisible();
  await expectNoViolations(page, soup.replace('/recipes/', '/shared/recipes/'));
  await page.goto('/profiles');
  await page.getByRole('link', { name: /Edit/ }).first().click();
  await expectNoViolations(page, new URL(page.url()).pathname);
  // A meal with a food on its plate and search results.
  await page.goto('/meals');
  await page.getByLabel('What did you eat?').fill('Axe breakfast');
  await page.getByRole('button', { name: 'Log meal and add foods' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Axe breakfast');
  const meal = new URL(page.url()).pathname;
  await page.goto(meal + '?q=apples+raw');
  await page.getByTestId('food-result').first().getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('meal-items')).toHaveCount(1);
  await expectNoViolations(page, meal + '?q=apples+raw');
  // A pantry with an item, and that item's page.
  await page.goto('/pantry');
  await page.getByLabel('What is it?').fill('Axe beans');
  await page.getByRole('button', { name: 'Add to pantry' }).click();
  await expect(page.getByTestId('pantry-item')).toHaveCount(1);
  await expectNoViolations(page, '/pantry');
  await page.getByRole('link', { name: 'Axe beans' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Axe beans');
  await expectNoViolations(page, new URL(page.url()).pathname);
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the dashboard and forms fit and work', async ({ page }) => {
    await signUp(page, 'Pia');
    await page.goto('/meals');
    await page.getByLabel('What did you eat?').fill('Phone lunch');
    await page.getByRole('button', { name: 'Log meal and add foods' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phone lunch');
    const meal = new URL(page.url()).pathname + '?q=milk+whole';
    for (const path of [meal, '/', '/health', '/meals', '/recipes', '/pantry', '/leftovers', '/use-it-up', '/workouts', '/recovery', '/profiles', '/settings/dashboard', '/settings/account']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.goto('/health');
    await page.getByLabel('Value').fill('61.5');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('entries')).toContainText('61.5 kg');
  });
});
