import { test, expect } from '@playwright/test';
import { PASSWORD, settle, signUp } from './helpers';

// The Foundation issue's story, run once with JavaScript and once without
// (the two Playwright projects).
test('a parent signs up, adds a child, switches, arranges tiles, logs health data, and finds it all again', async ({ page }, testInfo) => {
  const email = await signUp(page, 'Nora');

  // Add a dependent profile for a child.
  await page.getByRole('link', { name: 'Profiles' }).click();
  await settle(page);
  await page.getByLabel('Name', { exact: true }).fill('Mia');
  await page.getByLabel('Date of birth').fill('2017-04-02');
  await page.getByLabel('Allergies').fill('peanuts');
  await page.getByRole('button', { name: 'Add profile' }).click();
  await expect(page.getByTestId('profile-list')).toContainText('Mia');

  // Switch to the child from the header.
  await page.getByLabel('Profile', { exact: true }).selectOption({ label: 'Mia' });
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByTestId('current-profile')).toContainText('Mia');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText("Mia's dashboard");
  await expect(page.getByRole('heading', { level: 1 })).toContainText('age');

  // Arrange the child's tiles: health small, purple, showing sleep; meals off; workouts to the top.
  await page.goto('/settings/dashboard');
  await settle(page);
  const health = page.locator('li[data-module="health"]');
  await health.getByLabel('Size').selectOption('S');
  await health.getByLabel('Colour').selectOption('violet');
  await health.getByLabel('Shows').selectOption('sleep');
  await health.getByRole('button', { name: /Save/ }).click();
  await expect(page.locator('li[data-module="health"]').getByLabel('Shows')).toHaveValue('sleep');
  const meals = page.locator('li[data-module="meals"]');
  await meals.getByLabel('Show', { exact: true }).uncheck();
  await meals.getByRole('button', { name: /Save/ }).click();
  await expect(page.locator('li[data-module="meals"]').getByLabel('Show', { exact: true })).not.toBeChecked();
  await page.locator('li[data-module="workouts"]').getByRole('button', { name: 'Move Workouts up' }).click();
  await expect(page.locator('li[data-module]').first()).toHaveAttribute('data-module', 'workouts');

  await page.goto('/');
  const tiles = page.getByTestId('tile');
  await expect(tiles.first()).toHaveAttribute('data-module', 'workouts');
  await expect(page.locator('[data-testid="tile"][data-module="meals"]')).toHaveCount(0);
  const healthTile = page.locator('[data-testid="tile"][data-module="health"]');
  await expect(healthTile).toHaveAttribute('data-size', 'S');
  await expect(healthTile).toHaveAttribute('data-color', 'violet');

  // From the health tile, log sleep for Mia, then weight and resting HR.
  await healthTile.getByRole('link', { name: 'Health' }).click();
  await settle(page);
  await expect(page).toHaveURL(/metric=sleep/);
  await page.getByLabel('Value').fill('10:15');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('entries')).toContainText('10.25 h');
  await expect(page.locator('svg[role="img"] polyline')).toHaveCount(1);

  await page.getByRole('link', { name: 'Weight' }).click();
  await settle(page);
  await page.getByLabel('Value').fill('abc');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Enter a number, like 72.5.')).toBeVisible();
  await page.getByLabel('Value').fill('26.5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('entries')).toContainText('26.5 kg');

  await page.goto('/');
  await expect(healthTile).toContainText('10 h 15 min');
  await page.screenshot({ path: testInfo.outputPath(`dashboard-${testInfo.project.name}.png`), fullPage: true });

  // Sign out and back in: everything is still there.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/sign-in/);
  await settle(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('dashboard');
  await page.goto('/profiles');
  await expect(page.getByTestId('profile-list')).toContainText('Mia');
});
