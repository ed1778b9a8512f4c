import { test, expect } from '@playwright/test';
import * as path from 'path';
import { settle, signUp } from './helpers';

// Issue 3: a recipe built from USDA SR28 foods gets its nutrition and WellTrack's grade, and a
// serving of it becomes a graded meal. Runs with JavaScript and without.
test('a parent builds a recipe from foods, sees its grade and logs a serving as a meal', async ({ page }) => {
  await signUp(page, 'Rosa');
  await page.getByRole('link', { name: 'Recipes' }).click();
  await settle(page);
  await expect(page.getByText('No recipes yet.')).toBeVisible();

  // A bad form keeps its message next to the field.
  await page.getByLabel('Name').fill('Lentil stew');
  await page.getByLabel('Servings').fill('0');
  await page.getByRole('button', { name: 'Create recipe' }).click();
  await expect(page.getByText('Enter a whole number from 1 to 100.')).toBeVisible();
  await page.getByLabel('Name').fill('Lentil stew');
  await page.getByLabel('Servings').fill('4');
  await page.getByRole('button', { name: 'Create recipe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lentil stew');
  await settle(page);

  // Search SR28 and add two cups of boiled lentils.
  await page.getByLabel('Search foods (USDA SR28)').fill('lentils boiled without salt');
  await page.getByRole('button', { name: 'Search' }).click();
  const lentils = page.getByTestId('food-result').filter({ hasText: 'Lentils, mature seeds, cooked, boiled, without salt' });
  await expect(lentils).toHaveCount(1);
  await settle(page);
  await lentils.getByLabel('Amount').fill('2');
  await lentils.getByLabel('Unit').selectOption({ label: '1 cup (198 g)' });
  await lentils.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('ingredients')).toContainText('2 cup (396 g) Lentils, mature seeds');

  // A bad amount is refused with a message; nothing is added.
  await page.getByLabel('Search foods (USDA SR28)').fill('onions raw');
  await page.getByRole('button', { name: 'Search' }).click();
  const onions = page.getByTestId('food-result').filter({ hasText: /^Onions, raw/ });
  await expect(onions).toHaveCount(1);
  await settle(page);
  await onions.getByLabel('Amount').fill('a few');
  await onions.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('ingredient-error')).toContainText('Amount: Enter an amount');
  await expect(page.getByTestId('ingredients').locator('li')).toHaveCount(1);
  await settle(page);
  const onionsAgain = page.getByTestId('food-result').filter({ hasText: /^Onions, raw/ });
  await onionsAgain.getByLabel('Amount').fill('150');
  await onionsAgain.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByTestId('ingredients').locator('li')).toHaveCount(2);

  const nutrition = page.getByTestId('nutrition');
  await expect(nutrition).toContainText('WellTrack nutrition grade (v2023.1)');
  await expect(nutrition.getByTestId('grade')).toHaveText(/[A-E]$/);
  await expect(nutrition).toContainText('546 g of ingredients');
  await expect(page.locator('body')).not.toContainText('Nutri-Score');

  // Log two servings as dinner; the meal carries the recipe's grade.
  await settle(page);
  await page.getByLabel('Servings eaten').fill('2');
  await page.getByRole('button', { name: 'Log meal' }).click();
  await expect(page).toHaveURL(/\/meals$/);
  const meal = page.getByTestId('meals').locator('li').filter({ hasText: 'Lentil stew' });
  await expect(meal.getByTestId('grade')).toHaveText(/[A-E]$/);

  await page.goto('/recipes');
  await expect(page.getByTestId('recipes')).toContainText('2 ingredients');
});

// Issue 9, item 3: a saved page's HTML, pasted, becomes a recipe with proposed foods.
const SAVED_PAGE = `<!doctype html><html><head><title>Dal | Test Kitchen</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Recipe",
 "name":"Weeknight Dal","recipeYield":"4 servings","prepTime":"PT10M",
 "recipeIngredient":["200 g lentils","1 medium onion, chopped","salt to taste"],
 "recipeInstructions":[{"@type":"HowToStep","text":"Fry the onion for 5 minutes."},
   {"@type":"HowToStep","text":"Add the lentils and water; simmer for 25 minutes."}]}
</script></head><body><h1>Weeknight Dal</h1></body></html>`;

test('a parent imports a recipe from a saved page and confirms a proposed food', async ({ page }) => {
  await signUp(page, 'Imre');
  await page.goto('/recipes');
  await settle(page);
  // Nothing given: the message is next to the address field.
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('Enter the recipe\'s web address, or paste the page below.')).toBeVisible();
  await settle(page);
  await page.getByLabel('…or the page\'s HTML').fill(SAVED_PAGE);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weeknight Dal');
  await expect(page.getByTestId('ingredient')).toHaveCount(3);
  await expect(page.getByTestId('proposed').first()).toContainText('Lentils');
  await expect(page.getByText('Fry the onion for 5 minutes.')).toBeVisible();
  await settle(page);
  const before = await page.getByTestId('proposed').count();
  await page.getByRole('button', { name: 'Confirm the food for lentils' }).click();
  await expect(page.getByTestId('proposed')).toHaveCount(before - 1);
});

// Issue 9, item 3: a saved page uploaded as a file, and a photo of a printed recipe read by OCR
// (the photo is Chromium's rendering of server/tests/fixtures/recipe-card.html).
test('a parent uploads a saved page, then a photo of a printed recipe', async ({ page }) => {
  await signUp(page, 'Ursa');
  await page.goto('/recipes');
  await settle(page);
  const file = page.getByLabel('…or upload a saved page');
  await file.setInputFiles({ name: 'dal.html', mimeType: 'text/html', buffer: Buffer.from(SAVED_PAGE) });
  await page.getByRole('button', { name: 'Upload and read' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weeknight Dal');

  // A file that is neither is refused next to the field.
  await page.goto('/recipes');
  await settle(page);
  await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just notes') });
  await page.getByRole('button', { name: 'Upload and read' }).click();
  await expect(page.getByText('Choose a saved web page (.html) or a photo (JPEG or PNG).')).toBeVisible();

  await settle(page);
  await file.setInputFiles(path.join(__dirname, '..', '..', 'server', 'tests', 'fixtures', 'recipe-card.png'));
  await page.getByRole('button', { name: 'Upload and read' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lentil Soup');
  await expect(page.getByTestId('ingredient')).toHaveCount(4);
  await expect(page.getByTestId('step')).toHaveCount(3);
  await expect(page.getByTestId('steps')).toContainText('Add the lentils and stock and simmer for 20 minutes. (20 min)');
});

// Issue 9, item 2: a recipe's image. The photo is a real JPEG (drawn by Chromium) with an Exif
// block naming a place spliced in, as a phone writes one; the page shows it decoded, and what
// the server serves no longer names the place.
test('a parent adds an image to a recipe, and its location is not kept', async ({ page, browser }) => {
  const drawing = await browser.newContext({ javaScriptEnabled: true });
  const canvas = await drawing.newPage();
  const dataUrl: string = await canvas.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 96;
    c.height = 64;
    const x = c.getContext('2d')!;
    x.fillStyle = '#c2410c';
    x.fillRect(0, 0, 96, 64);
    x.fillStyle = '#fde68a';
    x.fillRect(24, 16, 48, 32);
    return c.toDataURL('image/jpeg', 0.9);
  });
  const jpeg = Buffer.from(dataUrl.split(',')[1], 'base64');
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x01\0\0\0\0\0\0', 'latin1'),
    Buffer.from('GPSLatitude 52.5200 N 13.4050 E'),
  ]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]), exif]);
  const photo = Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);

  await signUp(page, 'Imke');
  await page.goto('/recipes');
  await settle(page);
  await page.getByLabel('Name').fill('Apricot tart');
  await page.getByLabel('Servings').fill('6');
  await page.getByRole('button', { name: 'Create recipe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apricot tart');
  await settle(page);
  await expect(page.getByText('No image yet.')).toBeVisible();

  // A file that is not a photo is refused next to the field.
  const file = page.getByLabel('Choose an image');
  await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just notes') });
  await page.getByRole('button', { name: 'Upload the image' }).click();
  await expect(page.getByText('Choose a photo as a JPEG or PNG file.')).toBeVisible();

  await settle(page);
  await file.setInputFiles({ name: 'tart.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: 'Upload the image' }).click();
  const image = page.getByRole('img', { name: 'Photo of Apricot tart' });
  await expect(image).toBeVisible();
  const src = await image.getAttribute('src');
  expect(src).toMatch(/^\/media\//);
  const served = await (await page.request.get(src!)).body();
  expect(served.includes(Buffer.from('GPSLatitude'))).toBe(false);
  // Chromium decodes what was kept: the picture survived the cleaning, whole.
  const decoded = await canvas.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/jpeg;base64,' + b64;
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, served.toString('base64'));
  expect(decoded).toEqual([96, 64]);
  await drawing.close();

  await page.getByRole('button', { name: 'Remove the image' }).click();
  await expect(page.getByText('No image yet.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Photo of Apricot tart' })).toHaveCount(0);
});
