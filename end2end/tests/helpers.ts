import { Page, expect } from '@playwright/test';

export const PASSWORD = 'plum-orbit-canyon-42';

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Waits for hydration when JavaScript is on (the wasm sets no marker, so wait for the network to settle). */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

/** An address of the benchmarking range (198.18.0.0/15, RFC 2544) for one test's household. */
function householdAddress(): string {
  return `198.18.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
}

export async function signUp(page: Page, name: string): Promise<string> {
  const email = uniqueEmail(name.toLowerCase());
  // Each household signs up from its own address (the server trusts 127.0.0.1 as a proxy in
  // end2end/serve.sh), so the suite's many sign-ups do not meet the per-address throttle.
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': householdAddress() });
  await page.goto('/sign-up');
  await settle(page);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${name}'s dashboard`);
  return email;
}
