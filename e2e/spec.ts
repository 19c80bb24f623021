/** What an end-to-end spec is and what it receives. The runner (run-e2e.ts) says how to add one. */
import * as assert from 'node:assert/strict';
import type { TestContext } from 'node:test';

import type { Page } from 'playwright-core';

import type { Stack } from './n8n/stack';

/**
 * When a spec runs, on each n8n version:
 * - 'alone':  first, without the version's stack: the spec starts what it needs (e.g. `npm run dev`);
 *             the stack starts only if other specs need it;
 * - 'cli':    before n8n starts, with the n8n CLI (e.g. executeWorkflow(ctx.stack.instance, id));
 * - 'server': n8n running with the spec's `activate` workflows active, the owner logged in (ctx.stack.rest);
 * - 'editor': as 'server', plus a browser page signed in as the owner (skipped with --no-browser).
 */
export type Phase = 'alone' | 'cli' | 'server' | 'editor';

/** What every spec receives. */
export interface VersionContext {
	/** The n8n version under test, e.g. '2.41.1'. */
	version: string;
	/** A folder for this version's screenshots and logs (e2e/artifacts/n8n-<version>/). */
	artifacts: string;
}

export interface E2eContext extends VersionContext {
	/** The instance, its sandbox, owner and REST session, its processes. */
	stack: Stack;
	/** 'editor' specs only: a fresh browser page (baseURL = n8n), signed in as the owner. */
	page?: Page;
	/** 'editor' specs only: a numbered screenshot in the artifacts folder. */
	shot?: (name: string) => Promise<string>;
}

interface SpecBase {
	name: string;
	/** The n8n versions it runs on; default every version. */
	versions?: string[];
}

/** A spec on the version's stack. */
export interface StackSpec extends SpecBase {
	phase: 'cli' | 'server' | 'editor';
	/** Workflow ids (imported from e2e/workflows/ or examples/) that must be active when n8n starts. */
	activate?: string[];
	/** Credentials to import besides the sandbox credential (e.g. an example trigger's). */
	credentials?: unknown[];
	run(checks: Checks, ctx: E2eContext): Promise<void>;
}

/** A spec with processes of its own, run before the version's stack. */
export interface AloneSpec extends SpecBase {
	phase: 'alone';
	run(checks: Checks, ctx: VersionContext): Promise<void>;
}

export type Spec = StackSpec | AloneSpec;

function describe(detail: unknown): string {
	if (detail === undefined) return 'the check failed';
	const text = typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
	return text.slice(0, 3000);
}

/**
 * Named checks on node:test: each check is a subtest, so it is counted and named in the report, and
 * a failed check does not stop the next ones. `onFailure` runs before a failure is reported (the
 * editor specs take a screenshot there).
 */
export class Checks {
	constructor(
		private readonly t: TestContext,
		private readonly onFailure?: (name: string) => Promise<unknown>,
	) {}

	/** One check; answers the condition, so that a spec can skip what depends on it. */
	async ok(name: string, condition: boolean, detail?: unknown): Promise<boolean> {
		await this.t.test(name, async () => {
			if (!condition) {
				await this.onFailure?.(name).catch(() => undefined);
				assert.fail(describe(detail));
			}
		});
		return condition;
	}

	/** A named group of checks; an exception in it fails the group (once) and the next steps still run. */
	async step(name: string, body: (checks: Checks) => Promise<void>): Promise<void> {
		await this.t.test(name, async (t) => {
			const checks = new Checks(t, this.onFailure);
			try {
				await body(checks);
			} catch (error) {
				await this.onFailure?.(name).catch(() => undefined);
				throw error;
			}
		});
	}
}
