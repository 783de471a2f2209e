// The Chromium the end-to-end tests drive: CHROMIUM_PATH, else the system's (chromium, chromium-browser,
// google-chrome on PATH), else the one `npx playwright install chromium` downloaded; null when none is there.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Whether a file exists and may be run. */
function runnable(file) {
  try { accessSync(file, constants.X_OK); return true; } catch { return false; }
}

/** The path of the Chromium to use, or null. */
export async function findChromium() {
  if (process.env.CHROMIUM_PATH) return runnable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of NAMES) for (const dir of dirs) if (runnable(join(dir, name))) return join(dir, name);
  const { chromium } = await import('playwright-core');
  const own = chromium.executablePath();
  return own && existsSync(own) ? own : null;
}

/** The one line said when no Chromium is found. */
export const NO_CHROMIUM = '未找到 Chromium，请安装：apt-get install chromium fonts-noto-cjk 或 npx playwright install chromium'
  + ' / Chromium not found: apt-get install chromium fonts-noto-cjk, or npx playwright install chromium (CHROMIUM_PATH names another)';
