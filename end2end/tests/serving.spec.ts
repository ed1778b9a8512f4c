import { test, expect } from '@playwright/test';
import { signUp } from './helpers';

test('static files have content-hashed names, a year of caching and compression', async ({ request }) => {
  const page = await request.get('/sign-in');
  expect(page.headers()['cache-control']).toBe('no-store');
  const html = await page.text();
  const css = html.match(/href="(\/pkg\/welltrack\.[^"]+\.css)"/)?.[1];
  const wasm = html.match(/"(\/pkg\/welltrack\.[^"]+\.wasm)"/)?.[1] ?? html.match(/wasm_output_name[^)]*\)/)?.[0];
  expect(css, 'the stylesheet name carries a hash').toBeTruthy();
  const res = await request.get(css!, { headers: { 'accept-encoding': 'br, gzip' } });
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(['br', 'gzip']).toContain(res.headers()['content-encoding']);
  expect(wasm).toBeTruthy();
});

test('tiles can be reordered by dragging them', async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, 'dragging needs JavaScript; the arrow buttons cover the other case');
  await signUp(page, 'Drew');
  await page.goto('/settings/dashboard');
  await page.waitForLoadState('networkidle');
  const items = page.locator('li[data-module]');
  await expect(items.first()).toHaveAttribute('data-module', 'health');
  // Dispatch the HTML5 drag events a browser sends when a tile is dropped on another.
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await page.dispatchEvent('li[data-module="pantry"]', 'dragstart', { dataTransfer });
  await page.dispatchEvent('li[data-module="health"]', 'dragover', { dataTransfer });
  await page.dispatchEvent('li[data-module="health"]', 'drop', { dataTransfer });
  await expect(items.first()).toHaveAttribute('data-module', 'pantry');
  await expect(items.nth(1)).toHaveAttribute('data-module', 'health');
  await page.goto('/');
  await expect(page.getByTestId('tile').first()).toHaveAttribute('data-module', 'pantry');
});
