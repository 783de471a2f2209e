import { expect, openAs, test } from './fixtures';

test.use({ scale: 25 });

test('a list of 10,000 enterprises keeps only visible rows in the page and loads rows as it scrolls', async ({ page, host }) => {
  await openAs(page, host);
  await page.goto(`${host.url}#/enterprises`);
  await expect(page.getByTestId('total')).toHaveText('共 10,000 条');
  const body = page.getByTestId('vtable-body');
  expect(await page.locator('[role=row][data-index]').count()).toBeLessThan(80);
  await body.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.locator('[role=row][data-index="9999"]')).toBeVisible();
  await expect(page.locator('[role=row][data-index="9999"] [role=cell]').first()).not.toBeEmpty();
  expect(await page.locator('[role=row][data-index]').count()).toBeLessThan(80);
  await body.evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await expect(page.locator('[role=row][data-index="5000"] [role=cell]').first()).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/large-list.png' });
});
