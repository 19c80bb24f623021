/** Debian's Chromium driven by playwright-core, and a page signed in as an n8n instance's owner. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium, selectors, type Browser, type Page } from 'playwright-core';

import { signIn } from './n8n/session';
import type { Stack } from './n8n/stack';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
	selectors.setTestIdAttribute('data-test-id');
	// playwright-core gives every launch a fresh temporary profile.
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

export interface EditorPage {
	page: Page;
	/** A numbered screenshot (shared numbering for the whole artifacts folder). */
	shot: (name: string) => Promise<string>;
	close: () => Promise<void>;
}

/** A fresh browser context on the stack's n8n, signed in as its owner through the context's own request API (so the cookie lands in it). */
export async function openEditor(
	browser: Browser,
	stack: Stack,
	shot: (page: Page, name: string) => Promise<string>,
): Promise<EditorPage> {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		baseURL: stack.instance.url,
	});
	// Generous: the editor's first load in a fresh context fetches several MB of scripts, and the
	// machines these runs share are often busy. These bound waits; no check measures time.
	context.setDefaultTimeout(45_000);
	context.setDefaultNavigationTimeout(120_000);
	await signIn(async (method, urlPath, data) => {
		const response = await context.request.fetch(urlPath, {
			method,
			data,
			failOnStatusCode: false,
		});
		return { status: response.status(), text: await response.text() };
	}, stack.owner);
	const page = await context.newPage();
	return { page, shot: (name) => shot(page, name), close: () => context.close() };
}

/** Numbered screenshots into `folder`, across every page of one run. */
export function screenshots(folder: string): (page: Page, name: string) => Promise<string> {
	let count = 0;
	return async (page, name) => {
		const file = path.join(
			folder,
			`${String(++count).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}.png`,
		);
		await page.screenshot({ path: file });
		return file;
	};
}
